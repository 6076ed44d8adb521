"""`consent-app voice compare|threshold`: speaker verification from files, and its threshold.

``voice compare --enrol A.wav [B.wav ...] --probe C.wav [--json]`` exits 0 when the probe is
the enrolled speaker, 1 when it is not, 2 on an input error (with the reason).
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json


def register(sub, parent) -> None:
    p = sub.add_parser("voice", parents=[parent], help="speaker verification from audio files")
    cmds = p.add_subparsers(dest="voice_command", metavar="ACTION", required=True)
    cmp = cmds.add_parser(
        "compare", parents=[parent],
        help="is the probe recording the same speaker as the enrolment recordings?",
        description="Exit 0: same speaker; 1: different speaker; 2: unusable input.")
    cmp.add_argument("--enrol", nargs="+", required=True, metavar="FILE",
                     help="WAV/FLAC recordings of the enrolled speaker (together >= 8 s of speech)")
    cmp.add_argument("--probe", required=True, metavar="FILE", help="WAV/FLAC recording to verify")
    cmp.add_argument("--threshold", type=float, metavar="T",
                     help="cosine similarity needed for a match (default: the calibrated one)")
    cmp.add_argument("--json", action="store_true", help="print match, similarity, threshold as JSON")
    cmp.set_defaults(func=run_compare)
    thr = cmds.add_parser("threshold", parents=[parent],
                          help="show, or (admins) change, the studio's voice match threshold")
    thr.add_argument("value", nargs="?", type=float, help="new threshold (0..1); omit to show it")
    add_login_arguments(thr)
    thr.set_defaults(func=run_threshold)


def run_compare(args) -> int:
    from pathlib import Path

    from consent_app.biometrics import audio
    from consent_app.biometrics.voice import quality, verify

    threshold = verify.check_threshold(
        verify.DEFAULT_THRESHOLD if args.threshold is None else args.threshold)
    enrol_paths = [Path(p) for p in args.enrol]
    clips = [audio.load(p) for p in enrol_paths]
    probe = audio.load(Path(args.probe))
    template = verify.enrol_audio(clips, [p.name for p in enrol_paths])
    vector, _ = verify.embed_checked(probe, quality.MIN_SPEECH_PROBE, Path(args.probe).name)
    result = verify.compare(template, vector, threshold)
    if args.json:
        emit_json(result.as_dict())
    else:
        verdict = "same speaker" if result.match else "different speaker"
        print(f"{verdict}: similarity {result.similarity:.3f} (threshold {result.threshold:.3f})")
    return 0 if result.match else 1


def run_threshold(args) -> int:
    from consent_app.biometrics.voice import records, verify
    from consent_app.cli.commands._threshold import show_or_set

    return show_or_set(args, records, verify.SETTING_KEY)
