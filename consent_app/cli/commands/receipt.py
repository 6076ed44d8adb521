"""`consent-app receipt ID OUT.pdf [--language en|zh-CN] [--withdrawal [N]]`: the subject's PDF receipt."""

from __future__ import annotations

from consent_app.cli.context import open_store


def register(sub, parent) -> None:
    p = sub.add_parser("receipt", parents=[parent],
                       help="write the PDF receipt of a consent (or of one of its withdrawals)")
    p.add_argument("consent_id", metavar="ID")
    p.add_argument("out", metavar="OUT.pdf")
    p.add_argument("--language", choices=("en", "zh-CN"),
                   help="receipt language (default: the subject's language)")
    p.add_argument("--withdrawal", nargs="?", const=0, type=int, metavar="N",
                   help="the receipt of withdrawal N (default: the latest) instead of the consent")
    p.set_defaults(func=run)


def run(args) -> int:
    from consent_app.consent import receipt

    with open_store(args) as store, store.read() as conn:
        if args.withdrawal is None:
            data = receipt.consent_receipt(conn, args.consent_id, args.language)
        else:
            data = receipt.withdrawal_receipt(conn, args.consent_id, args.withdrawal or None,
                                              args.language)
    receipt.write(args.out, data)
    print(f"receipt written to {args.out}")
    return 0
