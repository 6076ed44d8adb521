"""webrtcvad comes from the ``webrtcvad-wheels`` distribution, which reads its own version at import.

(The contributed hook asks for the metadata of ``webrtcvad``, which is not installed.)
"""

from PyInstaller.utils.hooks import copy_metadata

datas = copy_metadata("webrtcvad-wheels")
