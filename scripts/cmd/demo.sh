# help: A scripted shopping session through the gateway: one order that confirms, one that is declined and cancelled
# usage: demo
# Needs the platform (./mercato up). Every step is a real request to the gateway; the script checks what it shows and
# exits non-zero when something is not as it should be.
cmd_demo() {
  [[ $# -eq 0 ]] || die "demo takes no arguments."
  have curl || die "The demo needs curl."
  have python3 || die "The demo needs python3 (to read JSON)."
  service_ready gateway || die "The platform is not up; run ./mercato up first."
  # the request helpers (scenario_token, expect, json...) are the scenarios'
  # shellcheck source=/dev/null
  source "$MERCATO_COMMANDS/scenario.sh"
  DEMO_GATEWAY=$(service_url gateway)

  section "1. A shopper registers and logs in"
  local token admin
  token=$(scenario_token demo)
  ok "logged in (access token ${token:0:16}…)"
  admin=$(admin_token)

  section "2. Browsing the catalog"
  local listing product sku name price available
  listing=$(curl -sf "$DEMO_GATEWAY/v1/products?limit=12") || die "could not list products"
  # the first product that has at least 3 units available
  while IFS=$'\t' read -r product sku name price; do
    # an assignment, so that a refused request ends the demo (set -e) instead of an arithmetic error
    available=$(demo_stock "$admin" "$sku" available)
    if ((available >= 3)); then break; fi
    product=''
  done < <(py 'for p in d["items"]: print(p["id"], p["sku"], p["name"], p["price"]["amount"] + " " + p["price"]["currency"], sep="\t")' <<<"$listing")
  [[ -n $product ]] || die "none of the first products has stock"
  info "picked $name ($sku) at $price"
  local before
  before=$(demo_stock_line "$admin" "$sku")
  info "stock of $sku: $before"

  section "3. Cart and checkout with tok_ok"
  demo_request POST /v1/cart/items "$token" "{\"productId\":\"$product\",\"quantity\":2}" >/dev/null
  local cart
  cart=$(demo_request GET /v1/cart "$token")
  info "cart: $(py 'print(", ".join(str(i["quantity"]) + " x " + i["name"] for i in d["items"]) + " — total " + d["total"]["amount"] + " " + d["total"]["currency"])' <<<"$cart")"
  local confirmed
  confirmed=$(demo_checkout "$token" tok_ok)
  expect "the first order" "$(demo_order_field "$token" "$confirmed" status)" CONFIRMED
  demo_await_empty_cart "$token"
  local on_hand_before
  on_hand_before=$(py 'print(d["onHand"])' <<<"$(demo_request GET "/v1/inventory/$sku" "$admin")")
  info "stock of $sku after it: $(demo_stock_line "$admin" "$sku")"

  section "4. Another checkout, with tok_decline"
  local available_before
  available_before=$(demo_stock "$admin" "$sku" available)
  demo_request POST /v1/cart/items "$token" "{\"productId\":\"$product\",\"quantity\":1}" >/dev/null
  local declined
  declined=$(demo_checkout "$token" tok_decline)
  expect "the second order" "$(demo_order_field "$token" "$declined" status)" CANCELLED
  expect "its cancellation reason" "$(demo_order_field "$token" "$declined" cancellationReason)" payment_declined
  expect "available stock of $sku is back where it was" "$(demo_stock "$admin" "$sku" available)" "$available_before"
  expect "on hand stock of $sku unchanged by the cancelled order" \
    "$(py 'print(d["onHand"])' <<<"$(demo_request GET "/v1/inventory/$sku" "$admin")")" "$on_hand_before"

  section "5. The shopper's orders"
  demo_request GET /v1/orders "$token" |
    py 'for o in d["items"]: print("  ", o["id"], o["status"].ljust(9), o["total"]["amount"], o["total"]["currency"], o.get("cancellationReason") or "")'
  scenario_verdict
}

# py <python statements over d, the JSON document on stdin>
# A document that is not what the demo expects ends the demo with one sentence, not a Python traceback.
py() {
  python3 -c 'import json, sys
try:
    d = json.load(sys.stdin)
    exec(sys.argv[1])
except Exception as error:
    sys.exit("\nerror: the gateway answered something the demo did not expect (%s: %s)." % (type(error).__name__, error))' "$1"
}

# demo_request <method> <path> <token> [json body]: the body of a 2xx answer; dies on anything else.
demo_request() {
  local method=$1 path=$2 token=$3 body=${4:-} response status
  local args=(-s -w '\n%{http_code}' -X "$method" "$DEMO_GATEWAY$path" -H "Authorization: Bearer $token")
  [[ -z $body ]] || args+=(-H 'Content-Type: application/json' -d "$body")
  response=$(curl "${args[@]}")
  status=$(tail -n 1 <<<"$response")
  [[ $status == 2* ]] || die "$method $path answered $status: $(sed '$d' <<<"$response")"
  sed '$d' <<<"$response"
}

demo_stock() { demo_request GET "/v1/inventory/$2" "$1" | py "print(d['$3'])"; }

demo_stock_line() {
  demo_request GET "/v1/inventory/$2" "$1" | py 'print("on hand %s, reserved %s, available %s" % (d["onHand"], d["reserved"], d["available"]))'
}

# The cart empties itself when it hears of the order (order.created through RabbitMQ).
demo_await_empty_cart() {
  local started count
  started=$(now_ms)
  while :; do
    count=$(demo_request GET /v1/cart "$1" | py 'print(len(d["items"]))')
    [[ $count != 0 ]] || break
    (($(now_ms) - started < 10000)) || die "the cart still has items 10 s after checkout"
    sleep 0.1
  done
  ok "cart emptied by order.created after $(($(now_ms) - started)) ms"
}

demo_order_field() { demo_request GET "/v1/orders/$2" "$1" | py "print(d.get('$3') or '')"; }

# demo_checkout <token> <payment token>: checks out, follows the order to a terminal state printing each stage it
# passes, and prints the order id.
demo_checkout() {
  local token=$1 payment=$2 key accepted order started status stage last='' elapsed
  key=$(python3 -c 'import uuid; print(uuid.uuid4())')
  accepted=$(curl -s -w '\n%{http_code}' -X POST "$DEMO_GATEWAY/v1/checkout" -H "Authorization: Bearer $token" \
    -H "Idempotency-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"shippingAddress\":{\"name\":\"Demo Shopper\",\"line1\":\"Via Roma 1\",\"city\":\"Milano\",\"postalCode\":\"20121\",\"country\":\"IT\"},\"paymentToken\":\"$payment\"}")
  [[ $(tail -n 1 <<<"$accepted") == 202 ]] || die "checkout answered $(tail -n 1 <<<"$accepted"): $(sed '$d' <<<"$accepted")"
  order=$(sed '$d' <<<"$accepted" | json orderId)
  info "POST /v1/checkout (Idempotency-Key $key, $payment) → 202, order $order" >&2
  started=$(now_ms)
  while :; do
    read -r status stage < <(demo_request GET "/v1/orders/$order" "$token" | py 'print(d["status"], d.get("stage") or "-")')
    elapsed=$(($(now_ms) - started))
    if [[ "$status $stage" != "$last" ]]; then
      info "  +${elapsed} ms  $status  $stage" >&2
      last="$status $stage"
    fi
    [[ $status == PENDING ]] || break
    ((elapsed < 30000)) || die "order $order still PENDING after 30 s"
    sleep 0.05
  done
  echo "$order"
}
