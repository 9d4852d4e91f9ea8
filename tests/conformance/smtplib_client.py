"""Python's smtplib against the simulated IIS, through the TCP adapter.

Run by smtplib.test.ts:  python3 smtplib_client.py '<json>'  with the JSON object
  port          an adapter as APP01 (on WEB01's relay list)
  denied_port   an adapter as DC01 (not on the relay list), same world
  closed_port   an adapter as APP01 to a WEB01 with anonymous access off
  secure_port   an adapter as DC01 to a WEB01 with a certificate and Basic auth that requires TLS
  cafile        the test certificate to trust ("" when openssl was missing: that case is skipped)
  user, password  the Windows account Basic authentication accepts

Prints one JSON object per line, one per case, then {"done": true}. Each case opens its own
connection and ends it with QUIT, as an application would.
"""
import json
import smtplib
import ssl
import sys

HOST = "127.0.0.1"
HELO = "app01.contoso.com"
FROM = "shop@contoso.com"


def message(subject: str, body: str) -> str:
    # smtplib turns bare LF into CRLF and dot-stuffs lines that begin with a dot.
    return f"From: {FROM}\r\nSubject: {subject}\r\n\r\n{body}\r\n"


def run(case: str, port: int, rcpts: list, msg: str, secure: dict = None) -> dict:
    out = {"case": case, "size": len(msg.encode("ascii"))}
    with smtplib.SMTP(HOST, port, local_hostname=HELO, timeout=10) as smtp:
        code, _ = smtp.ehlo()
        out["ehlo"] = code
        out["size_advertised"] = smtp.esmtp_features.get("size")
        try:
            if secure:
                out["auth_before_tls"] = smtp.esmtp_features.get("auth")
                context = ssl.create_default_context(cafile=secure["cafile"])
                out["starttls"] = smtp.starttls(context=context)[0]
                out["tls"] = smtp.sock.version() is not None
                smtp.ehlo()
                out["auth_after_tls"] = smtp.esmtp_features.get("auth")
                code, text = smtp.login(secure["user"], secure["password"])
                out["login"] = [code, text.decode()]
            # sendmail adds "size=<len>" to MAIL because the server advertises SIZE (RFC 1870).
            refused = smtp.sendmail(FROM, rcpts, msg)
            out["result"] = "sent"
            out["refused"] = {k: [v[0], v[1].decode()] for k, v in refused.items()}
        except smtplib.SMTPRecipientsRefused as e:
            out["result"] = "SMTPRecipientsRefused"
            out["recipients"] = {k: [v[0], v[1].decode()] for k, v in e.recipients.items()}
        except smtplib.SMTPSenderRefused as e:
            out["result"] = "SMTPSenderRefused"
            out["code"], out["message"] = e.smtp_code, e.smtp_error.decode()
        except smtplib.SMTPDataError as e:
            out["result"] = "SMTPDataError"
            out["code"], out["message"] = e.smtp_code, e.smtp_error.decode()
        code, text = smtp.quit()
        out["quit"] = [code, text.decode()]
    return out


def main() -> None:
    config = json.loads(sys.argv[1])
    port, denied_port = config["port"], config["denied_port"]
    big = "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod\r\n" * 30000
    cases = [
        ("plain", port, ["taro.yamada@example.net"], message("smtplib plain", "Hello.\r\n.leading dot")),
        ("several", port, ["taro.yamada@example.net", "hanako.suzuki@example.net", "webmaster@web01.contoso.com"], message("smtplib several", "Hello all.")),
        ("relay-denied", denied_port, ["taro.yamada@example.net"], message("smtplib relay", "Relay?")),
        ("too-big", port, ["taro.yamada@example.net"], message("smtplib big", big)),
        ("auth-required", config["closed_port"], ["taro.yamada@example.net"], message("smtplib anonymous", "Anonymous?")),
    ]
    if config["cafile"]:
        secure = {k: config[k] for k in ("cafile", "user", "password")}
        cases.append(("starttls-login", config["secure_port"], ["taro.yamada@example.net"], message("smtplib tls", "Over TLS."), secure))
    for case in cases:
        try:
            print(json.dumps(run(*case)), flush=True)
        except Exception as e:  # anything else is a failure the test reports
            print(json.dumps({"case": case[0], "result": "unexpected", "error": repr(e)}), flush=True)
    print(json.dumps({"done": True}), flush=True)


if __name__ == "__main__":
    main()
