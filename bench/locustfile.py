"""The users of the load run (`bench/load.py` starts Locust with this file).

Staff log in through allauth's form (its CSRF token, the demo password) and then click
around the dashboard, the lists, the measurement pages and, now and then, an Excel
export; pupils answer the open wave's questionnaire at /s/ with a one-time pupil code (or
a class code when the pupil codes run out), as measurement/views/survey.py's flow has it:
the code is posted, the questionnaire comes back with a signed ticket, the answers are
posted with it and the answer is a redirect to the thank-you page.

The bench stands in for the TLS-terminating proxy of docs/deploy.md: every request says
`X-Forwarded-Proto: https` and appends a client address to `X-Forwarded-For`
(`TRUSTED_PROXY_COUNT=1`), one address per school for the pupils — so the survey's
per-address limit counts each school, as it would behind a real proxy — and one per staff
user. The production settings mark the session and CSRF cookies Secure; the users' cookie
jar sends them over the loopback's plain HTTP as a browser would over HTTPS.

A page must answer 200 itself (a redirect to the login page is a failure, not a success);
an accepted survey answer is a 302 to /s/thanks/ whose page answers 200. A class code
refused because the class is full is the survey working, not an error: counted apart.

The plan (addresses, logins, codes) comes from the JSON file RYGRAD_LOAD_PLAN; every
request's time and the tally of survey outcomes go to RYGRAD_LOAD_RESULT at the end.
"""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

PLAN = json.loads(Path(os.environ["RYGRAD_LOAD_PLAN"]).read_text(encoding="utf-8"))
PUPIL_CODES = list(PLAN["pupil_codes"])  # [school, code], each used once
random.Random(11).shuffle(PUPIL_CODES)
RECORDS: list[tuple[float, str, float, bool]] = []
SURVEY = Counter()  # accepted_pupil, accepted_class, refused_class_full, unexpected
CLASS_CODE_SHARE = 0.25  # of the answers, the rest with pupil codes while they last
LOGIN_NAMES = ("login: form", "login: send")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TICKET = re.compile(r'name="ticket" value="([^"]+)"')
ITEM = re.compile(r'name="(item_[^"]+)" value="(\d+)"')


class Visitor(FastHttpUser):
    """A browser behind the proxy: its address, https as the scheme, Secure cookies."""

    abstract = True
    wait_time = between(0.5, 1.5)
    address = "10.9.9.9"

    def on_start(self):
        self.client.cookiejar.set_policy(
            DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))

    def headers(self, page: str | None = None) -> dict:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.address,
                   "Accept-Language": "da"}
        if page is not None:  # a form sent from `page`, as a browser sends it
            origin = "https://" + self.host.split("://", 1)[1].rstrip("/")
            headers.update({"Origin": origin, "Referer": origin + page,
                            "Content-Type": "application/x-www-form-urlencoded"})
        return headers

    def page(self, url: str, name: str) -> str | None:
        """GET a page that must answer 200 itself; its text, or None on failure."""
        with self.client.get(url, name=name, headers=self.headers(), allow_redirects=False,
                             catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return None
            return response.text

    def post(self, url: str, name: str, data: dict):
        """POST a form from the page `url`, not following a redirect; a `with` block in
        which the response is judged."""
        return self.client.post(url, name=name, data=urlencode(data),
                                headers=self.headers(url), allow_redirects=False,
                                catch_response=True)


class Staff(Visitor):
    """The secretariat or an alliance member, logged in, reading and exporting."""

    def on_start(self):
        super().on_start()
        number = random.randrange(1, 250)
        self.address = f"10.1.0.{number}"
        login = PLAN["logins"][number % len(PLAN["logins"])]
        text = self.page(PLAN["login_url"], LOGIN_NAMES[0])
        token = CSRF.search(text or "")
        if token is None:
            return  # the failed page is counted; the user's pages will fail too
        with self.post(PLAN["login_url"], LOGIN_NAMES[1], {
                "csrfmiddlewaretoken": token.group(1), "login": login,
                "password": PLAN["password"]}) as response:
            if (response.status_code != 302
                    or response.headers.get("Location", "").startswith("/accounts/")):
                response.failure(f"the login was refused ({response.status_code})")

    @task(6)
    def dashboard(self):
        self.page(PLAN["pages"]["dashboard"], "dashboard")

    @task(3)
    def activities(self):
        self.page(PLAN["pages"]["activities"], "activities")

    @task(2)
    def an_activity(self):
        self.page(random.choice(PLAN["activities"]), "an activity")

    @task(2)
    def organisations(self):
        self.page(PLAN["pages"]["organisations"], "organisations")

    @task(2)
    def people(self):
        self.page(PLAN["pages"]["people"], "people")

    @task(1)
    def action_plan(self):
        self.page(PLAN["pages"]["action plan"], "action plan")

    @task(2)
    def measurement_overview(self):
        self.page(PLAN["pages"]["measurement overview"], "measurement overview")

    @task(2)
    def trends(self):
        self.page(PLAN["pages"]["trends"], "trends")

    @task(2)
    def breakdown(self):
        self.page(PLAN["pages"]["breakdown"], "breakdown by school")

    @task(1)
    def changes(self):
        self.page(PLAN["pages"]["what changed"], "what changed")

    @task(1)
    def public_results(self):
        self.page(PLAN["pages"]["public survey results"], "public survey results")

    @task(1)
    def export(self):
        self.page(PLAN["pages"]["activities as Excel"], "activities as Excel")


class Pupil(Visitor):
    """A pupil at one of the demo's schools answering the questionnaire once a round."""

    fixed_count = int(os.environ.get("RYGRAD_LOAD_PUPILS", "10"))

    @task
    def answer(self):
        if PUPIL_CODES and random.random() >= CLASS_CODE_SHARE:
            school, code = PUPIL_CODES.pop()
            kind = "pupil"
        else:
            school, code = random.choice(PLAN["class_codes"])
            kind = "class"
        self.address = PLAN["school_addresses"][school]
        start = PLAN["survey_url"]
        token = CSRF.search(self.page(start, "survey: code form") or "")
        if token is None:
            return
        with self.post(start, "survey: send code",
                       {"csrfmiddlewaretoken": token.group(1), "code": code}) as response:
            questionnaire = response.text or ""
            ticket = TICKET.search(questionnaire)
            if ticket is None:
                if PLAN["class_full_text"] in questionnaire:
                    SURVEY["refused_class_full"] += 1  # the survey working: not an error
                else:
                    SURVEY["unexpected"] += 1
                    response.failure(f"no questionnaire for the code ({response.status_code})")
                return
        self.wait()  # reading and answering the questions
        values = {}
        for name, value in ITEM.findall(questionnaire):
            values.setdefault(name, []).append(value)
        answers = {name: random.choice(choices) for name, choices in values.items()
                   if random.random() > 0.05}  # now and then a question skipped
        with self.post(start, "survey: send answers", {
                "csrfmiddlewaretoken": token.group(1), "ticket": ticket.group(1),
                "gender": random.choice(["girl", "boy", "other", "unsaid"]),
                **answers}) as response:
            if response.headers.get("Location") != PLAN["thanks_url"]:
                if response.status_code == 200 and PLAN["class_full_text"] in response.text:
                    SURVEY["refused_class_full"] += 1  # the last places went meanwhile
                else:
                    SURVEY["unexpected"] += 1
                    response.failure(f"not accepted ({response.status_code})")
                return
        if self.page(PLAN["thanks_url"], "survey: thank-you page") is not None:
            SURVEY[f"accepted_{kind}"] += 1


@events.request.add_listener
def _record(name, start_time, response_time, exception, **_kwargs):
    """Every request as (start, name, milliseconds, succeeded), for bench/load.py to take
    exact percentiles of the whole run and of the part after the logins."""
    RECORDS.append((start_time, name, response_time, exception is None))


@events.test_stop.add_listener
def _write_result(environment, **_kwargs):
    result = {
        "requests": RECORDS,
        "errors": [{"name": error.name, "error": str(error.error),
                    "occurrences": error.occurrences}
                   for error in environment.stats.errors.values()],
        "survey": dict(SURVEY), "pupil_codes_left": len(PUPIL_CODES),
    }
    Path(os.environ["RYGRAD_LOAD_RESULT"]).write_text(json.dumps(result), encoding="utf-8")
