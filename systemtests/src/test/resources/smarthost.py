"""An ISP's smarthost for the mail system tests: aiosmtpd on 127.0.0.1:PORT that demands STARTTLS and then
AUTH (user office, password secret) before it takes mail, and appends what it took to OUT. Ends after
LIFETIME seconds.

usage: python3 smarthost.py PORT CERT KEY OUT LIFETIME
"""
import ssl
import sys
import time

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

port, cert, key, out, lifetime = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4], float(sys.argv[5])


class Keep:
    async def handle_DATA(self, server, session, envelope):
        login = session.auth_data.login.decode() if isinstance(session.auth_data, LoginPassword) else ""
        with open(out, "a") as f:
            f.write(f"login={login} tls={session.ssl is not None} from={envelope.mail_from} to={','.join(envelope.rcpt_tos)}\n")
        return "250 kept"


def authenticate(server, session, envelope, mechanism, auth_data):
    ok = isinstance(auth_data, LoginPassword) and auth_data.login == b"office" and auth_data.password == b"secret"
    return AuthResult(success=ok, handled=False, auth_data=auth_data)


context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(cert, key)
controller = Controller(Keep(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_required=True, auth_require_tls=True)
controller.start()
try:
    time.sleep(lifetime)
finally:
    controller.stop()
