#!/usr/bin/env python3
"""One-line summaries of Gatling runs, and the gateway/direct comparison.

"achieved" counts successful responses only, over the measured window the simulation wrote
(first measured user start to last measured response), so a fast-failing target or a run
that falls behind does not look faster than it was.

  summarize.py run TARGET RATE REPORT_DIR WINDOW_FILE OUT_JSON   prints the target's line
  summarize.py ratio GATEWAY_JSON DIRECT_JSON                    prints the gateway overhead

Gatling 3.15 writes no stats.json: the global numbers are the "All Requests" (ROOT) row of
the report's index.html stats table, whose cells are tagged col-2 .. col-14.
"""
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


if __name__ == "__main__":
    if len(sys.argv) == 7 and sys.argv[1] == "run":
        run(*sys.argv[2:])
    elif len(sys.argv) == 4 and sys.argv[1] == "ratio":
        ratio(*sys.argv[2:])
    else:
        sys.exit(__doc__)
