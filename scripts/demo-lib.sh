# Helpers for osc-demo: REST calls, JSON fields, job waits, output. Sourced, not run.

# api runs in command substitutions (a subshell), so it leaves the HTTP status in a file, not a variable.
STATUS_FILE=$(mktemp)
api() { # METHOD PATH [JSON] -> body on stdout, HTTP status in $STATUS_FILE; trusts the server's $OSC_CACERT
  local method=$1 path=$2 body=${3:-}
  if [ -n "$body" ]; then
    curl -s --cacert "$OSC_CACERT" -o /dev/stdout -w '%{stderr}%{http_code}' -u "admin:$OSC_ADMIN_PASSWORD" \
      -X "$method" -H 'Content-Type: application/json' --data-binary "$body" "$OSC_URL/$path" 2> "$STATUS_FILE"
  else
    curl -s --cacert "$OSC_CACERT" -o /dev/stdout -w '%{stderr}%{http_code}' -u "admin:$OSC_ADMIN_PASSWORD" \
      -X "$method" "$OSC_URL/$path" 2> "$STATUS_FILE"
  fi
}

field() { # JSON on stdin, python expression over d (the parsed document)
  python3 -c "import json,sys; d=json.load(sys.stdin); v=$1; print(v if not isinstance(v,(dict,list)) else json.dumps(v))"
}

json_string() { python3 -c 'import json,sys; print(json.dumps(sys.stdin.read()))'; }

step() { printf '\n\033[1m%s\033[0m\n' "$*"; }
info() { printf '  %s\n' "$*"; }
fail() { printf '\033[31mFAILED: %s\033[0m\n' "$*" >&2; exit 1; }

wait_job() { # JOB_ID -> prints the outcome, fails the demo when the job failed
  local id=$1 job state status
  for _ in $(seq 1 300); do
    job=$(api GET "jobs/$id")
    state=$(echo "$job" | field 'd.get("state")')
    if [ "$state" = "COMPLETED" ]; then
      status=$(echo "$job" | field 'd.get("status")')
      if [ "$status" = "PASSED" ]; then
        info "job $id: $(echo "$job" | field 'd["name"]') -> PASSED"
        return 0
      fi
      fail "job $id $(echo "$job" | field 'd["name"]'): $status: $(echo "$job" | field 'd.get("failureReason")')"
    fi
    sleep 0.2
  done
  fail "job $id did not complete within a minute"
}

created() { # BODY -> id, fails unless the last call answered 201
  local status; status=$(cat "$STATUS_FILE")
  [ "$status" = 201 ] || fail "HTTP $status: $1"
  echo "$1" | field 'd["id"]'
}
