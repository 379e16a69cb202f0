"""Meeting notices by mail (issue 25) through a real SMTP conversation (aiosmtpd on loopback), driven over the
WebSocket as the lounge does: a request mails the person asked, an accepted one mails both a notice with a valid
.ics (UID, DTSTART/DTEND in UTC, SUMMARY, the table's link), a cancellation mails the other an .ics that cancels it,
a decline mails the sender with the reason; a refused change mails nobody; each in the recipient's language."""
import re
import uuid

from conftest import wait_until
from mail_helpers import running, two_people
from test_mail import folder  # noqa: F401 (the fixture)


def calendar(message):
    """The text/calendar attachment's content lines (unfolded)."""
    parts = [p for p in message.message.iter_attachments() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in message.message.iter_attachments()]
    text = parts[0].get_content()
    return parts[0], re.sub(r"\r?\n[ \t]", "", text).splitlines()


def ics_stamp(iso):
    return iso.replace("-", "").replace(":", "")[:15] + "Z"


def test_meeting_notices_by_mail(folder):
    with running(folder) as (sink, server, clients):
        slots, amina_email, amina, bruno_email, bruno = two_people(server, clients)

        request = amina.ok("meeting.request", {"to": bruno.id, "slots": [slots[0]["id"]], "message": "Budgets?"}, key=uuid.uuid4().hex)["request"]
        asked = wait_until(lambda: sink.to(bruno_email), what="Bruno's request notice")[0]
        assert asked.message["Subject"] == "Amina asks to meet you — UCLG Seminar", asked.message["Subject"]
        assert "Their message: “Budgets?”" in asked.text() and server.url + "/#/lounge/meetings" in asked.text()
        assert not list(asked.message.iter_attachments())

        # Amina may not accept her own request: refused, and nobody is mailed.
        refused = amina.request("meeting.accept", {"requestId": request["id"], "slot": slots[0]["id"]})
        assert not refused["ok"], refused
        meeting = bruno.ok("meeting.accept", {"requestId": request["id"], "slot": slots[0]["id"]})["meeting"]
        booked_fr = wait_until(lambda: sink.to(amina_email), what="Amina's booked notice")[0]
        booked_en = wait_until(lambda: sink.to(bruno_email)[1:], what="Bruno's booked notice")[0]
        assert booked_fr.message["Subject"].startswith("Rencontre confirmée avec Bruno : ")
        assert booked_en.message["Subject"].startswith("Meeting booked with Amina: ")
        table = f"{server.url}/#/table/{meeting['id']}"
        assert table in booked_en.text() and f"table {meeting['table']}." in booked_en.text()
        part, lines = calendar(booked_en)
        assert part.get_filename() == f"meeting-{meeting['id']}.ics" and part.get_param("method") == "PUBLISH"
        for expected in ["BEGIN:VCALENDAR", "METHOD:PUBLISH", "BEGIN:VEVENT", f"UID:meeting-{meeting['id']}@seminar",
                         f"DTSTART:{ics_stamp(slots[0]['startsAt'])}", f"DTEND:{ics_stamp(slots[0]['endsAt'])}",
                         "SUMMARY:Meeting with Amina — UCLG Seminar", f"URL:{table}", "END:VEVENT", "END:VCALENDAR"]:
            assert expected in lines, (expected, lines)

        # Bruno cancels: Amina gets an .ics that cancels the same event.
        bruno.ok("meeting.cancel", {"meetingId": meeting["id"]})
        cancelled = wait_until(lambda: sink.to(amina_email)[1:], what="Amina's cancellation notice")[0]
        assert cancelled.message["Subject"].startswith("Rencontre annulée : Bruno, ")
        part, lines = calendar(cancelled)
        assert part.get_param("method") == "CANCEL"
        assert {"METHOD:CANCEL", f"UID:meeting-{meeting['id']}@seminar", "STATUS:CANCELLED", "SEQUENCE:1"} <= set(lines), lines

        # A declined request: its sender is told, with the reason.
        again = amina.ok("meeting.request", {"to": bruno.id, "slots": [slots[1]["id"]]}, key=uuid.uuid4().hex)["request"]
        bruno.ok("meeting.decline", {"requestId": again["id"], "reason": "Pas dispo"})
        declined = wait_until(lambda: sink.to(amina_email)[2:], what="Amina's decline notice")[0]
        assert declined.message["Subject"] == "Bruno a décliné votre demande de rencontre" and "Sa raison : « Pas dispo »" in declined.text()

        # Bruno's notice of the second request may still be on its way: wait for it, then nothing more has come.
        bruno_mails = wait_until(lambda: (lambda mails: mails if len(mails) >= 3 else None)(sink.to(bruno_email)), what="Bruno's three notices")
        assert [m.message["Subject"].split(" ")[0] for m in bruno_mails] == ["Amina", "Meeting", "Amina"]
        assert len(sink.messages) == 6, [m.message["Subject"] for m in sink.messages]


def test_published_plan_mails_each_person_their_meetings(folder):
    """The organisers publish a plan: each person who got meetings is mailed all of theirs, with one meetings.ics."""
    with running(folder) as (sink, server, clients):
        slots, amina_email, amina, bruno_email, bruno = two_people(server, clients, ("es", "en"))
        ids = [slot["id"] for slot in slots]
        shared = [interest["key"] for interest in amina.ok("interests.list")["interests"][:2]]
        for person in (amina, bruno):
            person.ok("profile.update", {"interests": shared, "languages": ["en"]})
            person.ok("availability.set", {"slots": ids})
        organiser = clients[0]
        plan = organiser.ok("schedule.preview", {"slots": ids, "maxPerPerson": 2, "participantIds": [amina.id, bruno.id]})
        assert plan["meetings"], plan.get("unmet")
        assert organiser.ok("schedule.publish", {"planId": plan["planId"]})["created"] == len(plan["meetings"])

        mail = wait_until(lambda: sink.to(bruno_email), what="Bruno's plan")[0]
        assert mail.message["Subject"] == "Your meetings — UCLG Seminar"
        assert mail.message["List-Unsubscribe"].startswith(f"<{server.url}/api/mail/unsubscribe/{bruno.id}.plan.")
        meetings = bruno.ok("meeting.list")["meetings"]
        for meeting in meetings:
            assert f"{server.url}/#/table/{meeting['id']}" in mail.text()
        part, lines = calendar(mail)
        assert part.get_filename() == "meetings.ics"
        assert lines.count("BEGIN:VEVENT") == len(meetings) and f"UID:meeting-{meetings[0]['id']}@seminar" in lines
        assert wait_until(lambda: sink.to(amina_email), what="Amina's plan")[0].message["Subject"] == "Sus reuniones — Seminario de CGLU"
        assert len(sink.messages) == 2
