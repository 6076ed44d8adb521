"""`consent-app face compare|threshold`: 1:1 face comparison of two photos, and its threshold.

``face compare IMAGE_A IMAGE_B [--json]`` exits 0 when both photos show the same person, 1 when
they show different people, 2 on an input error (unreadable file, no face, more than one face),
with the reason. It runs the app's own pipeline and default threshold.
"""

from __future__ import annotations

from consent_app.cli.context import add_login_arguments, emit_json


def register(sub, parent) -> None:
    p = sub.add_parser("face", parents=[parent], help="face comparison from photos")
    cmds = p.add_subparsers(dest="face_command", metavar="ACTION", required=True)
    cmp = cmds.add_parser(
        "compare", parents=[parent],
        help="do two photos show the same person?",
        description="Exit 0: same person; 1: different people; 2: unusable input.")
    cmp.add_argument("image_a", metavar="IMAGE_A", help="photo with exactly one face")
    cmp.add_argument("image_b", metavar="IMAGE_B", help="photo with exactly one face")
    cmp.add_argument("--threshold", type=float, metavar="T",
                     help="largest distance counted as a match (default: the calibrated one)")
    cmp.add_argument("--json", action="store_true",
                     help="print match, distance, threshold, model and timings as JSON")
    cmp.set_defaults(func=run_compare)
    thr = cmds.add_parser("threshold", parents=[parent],
                          help="show, or (admins) change, the studio's face match threshold")
    thr.add_argument("value", nargs="?", type=float, help="new threshold; omit to show it")
    add_login_arguments(thr)
    thr.set_defaults(func=run_threshold)


def run_compare(args) -> int:
    from pathlib import Path

    from consent_app.biometrics.face import analysis, matching
    from consent_app.biometrics.images import load_image
    from consent_app.errors import InputError

    try:
        threshold = matching.check_threshold(
            matching.DEFAULT_THRESHOLD if args.threshold is None else args.threshold)
    except ValueError:
        low, high = matching.THRESHOLD_RANGE
        raise InputError(code="face.threshold_range", low=low, high=high, value=args.threshold) from None
    samples = []
    for path in (args.image_a, args.image_b):
        image = load_image(path)
        samples.append(analysis.encode_single(image.rgb, label=Path(path).name))
    result = matching.compare(samples[0].encoding, samples[1].encoding, threshold)
    if args.json:
        out = result.to_dict()
        out["images"] = [
            {"path": str(p), "face": s.box.to_dict(), "size": list(s.image_size),
             "seconds": {k: round(v, 4) for k, v in s.timings.items()}}
            for p, s in zip((args.image_a, args.image_b), samples, strict=True)
        ]
        emit_json(out)
    else:
        verdict = "same person" if result.match else "different people"
        print(f"{verdict}: distance {result.distance:.3f} (threshold {result.threshold:.3f})")
    return 0 if result.match else 1


def run_threshold(args) -> int:
    from consent_app.biometrics.face import records
    from consent_app.biometrics.face.matching import THRESHOLD_SETTING
    from consent_app.cli.commands._threshold import show_or_set

    return show_or_set(args, records, THRESHOLD_SETTING)
