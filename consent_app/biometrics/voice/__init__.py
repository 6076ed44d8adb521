"""Voice path: audio quality gates, speaker verification and the spoken consent statement.

Everything here is Qt-free; numpy, onnxruntime, webrtcvad and pocketsphinx are imported only by
the submodules that need them.
"""
