#!/usr/bin/env python3
"""A SIMULATED Google OAuth token endpoint and GCS object lookup, for the
test of the service-account exchange (gcs_token_simulated_test.cpp): the
fake GCS server has no token endpoint and ignores credentials.

    token_endpoint.py PORT_FILE RECORD_FILE ACCESS_TOKEN

Listens on a free port of 127.0.0.1 and writes it to PORT_FILE.
  POST /token          records the form body to RECORD_FILE; answers
                       ACCESS_TOKEN for the jwt-bearer grant
  POST /token-refuses  answers 400 as Google does for a bad assertion
  GET  /storage/v1/b/BUCKET/o/KEY
                       404 (no such object) with "Bearer ACCESS_TOKEN",
                       401 otherwise
Checking the assertion's signature is the test's job: it holds the key pair.
"""
import http.server
import json
import os
import sys
import urllib.parse

PORT_FILE, RECORD_FILE, ACCESS_TOKEN = sys.argv[1:4]
JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer"


class Handler(http.server.BaseHTTPRequestHandler):
    def answer(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_POST(self):
        form = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
        if self.path == "/token-refuses":
            self.answer(400, {"error": "invalid_grant", "error_description": "Invalid JWT Signature."})
            return
        with open(RECORD_FILE, "w", encoding="utf-8") as record:
            record.write(form)
        fields = urllib.parse.parse_qs(form)
        if self.path != "/token" or fields.get("grant_type") != [JWT_BEARER]:
            self.answer(400, {"error": "unsupported_grant_type"})
            return
        self.answer(200, {"access_token": ACCESS_TOKEN, "expires_in": 3599, "token_type": "Bearer"})

    def do_GET(self):
        if self.headers.get("Authorization") == "Bearer " + ACCESS_TOKEN:
            self.answer(404, {"error": {"code": 404, "message": "No such object"}})
        else:
            self.answer(401, {"error": {"code": 401, "message": "Anonymous caller has no access"}})

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
with open(PORT_FILE + ".tmp", "w", encoding="utf-8") as f:
    f.write(str(server.server_address[1]))
os.rename(PORT_FILE + ".tmp", PORT_FILE)
server.serve_forever()
