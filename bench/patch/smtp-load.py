"""Sends mail at a steady rate to anna@office.lan, one connection per message, and logs each outcome:
"250 <message-id> <seconds>" when accepted, else "<error> <message-id> <seconds>". Bounded in time."""
import smtplib, sys, time, uuid
from email.message import EmailMessage

host, port, rate, duration, prefix = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
end = time.monotonic() + duration
with open(prefix + ".log", "w") as log:
    while time.monotonic() < end:
        started = time.monotonic()
        msg = EmailMessage()
        mid = f"{uuid.uuid4()}@load.example"
        msg["From"], msg["To"], msg["Subject"], msg["Message-ID"] = "load@sender.example", "anna@office.lan", "load", f"<{mid}>"
        msg.set_content("x" * 1024)
        try:
            with smtplib.SMTP(host, port, timeout=15) as s:
                s.send_message(msg)
            outcome = "250"
        except (OSError, smtplib.SMTPException) as e:
            outcome = type(e).__name__
        log.write(f"{outcome} {mid} {time.monotonic() - started:.3f}\n")
        log.flush()
        time.sleep(max(0.0, 1 / rate - (time.monotonic() - started)))
