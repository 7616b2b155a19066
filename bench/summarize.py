#!/usr/bin/env python3
"""One-line summaries of Gatling runs, and the gateway/direct comparison.

"achieved" counts successful responses only, over the measured window the simulation wrote
(first measured user start to last measured response), so a fast-failing target or a run
that falls behind does not look faster than it was.

  summarize.py run TARGET RATE REPORT_DIR WINDOW_FILE OUT_JSON   prints the target's line
  summarize.py ratio GATEWAY_JSON DIRECT_JSON                    prints the gateway overhead
  summarize.py checkout CLIENT_JSON SERVER_CSV REPORT_DIR OUT_JSON
                                                                 prints a checkout run's line (bench/checkout.sh)

Gatling 3.15 writes no stats.json: the global numbers are the "All Requests" (ROOT) row of
the report's index.html stats table, whose cells are tagged col-2 .. col-14.
"""
import csv
import json
import re
import sys
from pathlib import Path

# Columns of the stats table (see the <th id="col-N"> headers of index.html).
COLUMNS = {"total": 2, "ok": 3, "ko": 4, "ko_pct": 5, "min": 7, "p50": 8, "p75": 9,
           "p95": 10, "p99": 11, "max": 12, "mean": 13}


def global_stats(report_dir):
    html = Path(report_dir, "index.html").read_text(encoding="utf-8")
    row = re.search(r'<tr id="ROOT".*?</tr>', html, re.S)
    if not row:
        sys.exit(f"no global stats row in {report_dir}/index.html")
    cells = dict(re.findall(r'<td class="value [a-z]+ col-(\d+)">([^<]*)</td>', row.group(0)))
    stats = {}
    for name, col in COLUMNS.items():
        value = cells.get(str(col), "-").strip().replace(",", "")
        stats[name] = float(value) if value not in ("-", "") else None
    return stats


def run(target, rate, report_dir, window_file, out_json):
    stats = global_stats(report_dir)
    window = float(Path(window_file).read_text().strip())
    stats.update(target=target, rate=float(rate), window_s=window,
                 achieved=stats["ok"] / window, report=str(Path(report_dir, "index.html")))
    Path(out_json).write_text(json.dumps(stats, indent=2) + "\n")
    print(line(stats))


def ms(value):
    return "-" if value is None else f"{value:.0f}ms"


def line(s):
    errors = int(s["ko"] or 0)
    pct = 100.0 * errors / s["total"] if s["total"] else 0.0
    return (f"{s['target']} rate={s['rate']:.0f}/s achieved={s['achieved']:.1f} req/s "
            f"p50={ms(s['p50'])} p95={ms(s['p95'])} p99={ms(s['p99'])} max={ms(s['max'])} "
            f"errors={errors} ({pct:.2f}%)")


def ratio(gateway_json, direct_json):
    gw = json.loads(Path(gateway_json).read_text())
    direct = json.loads(Path(direct_json).read_text())
    print(f"gateway vs direct at {gw['rate']:.0f}/s: "
          f"p50 {gw['p50'] - direct['p50']:+.0f}ms, p99 {gw['p99'] - direct['p99']:+.0f}ms, "
          f"throughput {gw['achieved'] / direct['achieved']:.2f}x")


def checkout(client_json, server_csv, report_dir, out_json):
    """CLIENT_JSON: what CheckoutSimulation measured; SERVER_CSV: psql --csv output of checkout.sh's query on the
    ordering database ("-" or missing: none); REPORT_DIR: the Gatling report, for its failed requests ("-": none)."""
    c = json.loads(Path(client_json).read_text())
    server = {}
    if server_csv != "-" and Path(server_csv).is_file():
        rows = list(csv.DictReader(Path(server_csv).read_text().splitlines()))
        server = rows[0] if rows else {}
    failed_requests = None
    if report_dir != "-" and Path(report_dir, "index.html").is_file():
        failed_requests = int(global_stats(report_dir)["ko"] or 0)
    refused = c.get("checkout_refused", 0) + c.get("cart_refused", 0)
    unfinished = (c["timed_out"] + c["no_shopper"] + c["cart_failed"] + c["checkout_failed"] + refused
                  + c.get("stream_failed", 0))
    c.update(server={k: v for k, v in server.items()}, failed_requests=failed_requests, unfinished=unfinished)
    Path(out_json).write_text(json.dumps(c, indent=2) + "\n")

    def q(stats, name):
        return ms(stats.get(name)) if stats else "-"

    def sv(name):
        value = server.get(name, "")
        return "-" if value in ("", None) else value

    def sms(name):
        value = server.get(name, "")
        return "-" if value in ("", None) else f"{float(value):.0f}ms"

    follow = (f"stream ({c['streamed']} orders followed)" if c.get("streamed")
              else f"poll ({c['polls']} status reads)")
    print(f"checkout rate={c['rate']:.0f}/s follow={follow} completed={c['completed_per_s']:.1f} orders/s "
          f"(confirmed {c['confirmed']}, cancelled {c['cancelled']}, of {c['iterations']}) "
          f"checkout p50={q(c['checkout_ms'], 'p50')} p99={q(c['checkout_ms'], 'p99')} "
          f"saga(client) p50={q(c['saga_ms'], 'p50')} p99={q(c['saga_ms'], 'p99')} "
          f"saga(server) p50={sms('p50_ms')} p99={sms('p99_ms')} server-completed={sv('confirmed_per_s')} orders/s "
          f"ko={unfinished} (refused with Retry-After: checkout {c.get('checkout_refused', 0)}, "
          f"cart {c.get('cart_refused', 0)}; timed out {c['timed_out']}, checkout failed {c['checkout_failed']}, "
          f"cart failed {c['cart_failed']}, no idle shopper {c['no_shopper']}, "
          f"failed streams {c.get('stream_failed', 0)}; "
          f"failed requests {'-' if failed_requests is None else failed_requests})"
          + (f" server: {sv('pending')} still PENDING" if sv("pending") not in ("-", "0") else "")
          + (f" cancelled: {sv('cancel_reasons')}" if sv("cancel_reasons") != "-" else ""))


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "run":
        run(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "ratio":
        ratio(*sys.argv[2:])
    elif len(sys.argv) == 6 and sys.argv[1] == "checkout":
        checkout(*sys.argv[2:])
    else:
        sys.exit(__doc__)
