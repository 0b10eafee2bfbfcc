"""The users of the load run (`bench/load.py` starts Locust with this file).

Staff log in through allauth's form (its CSRF token, the demo's or the large data's
password) to one initiative and then click around the dashboard, the lists, the
measurement pages, the ideas and, now and then, an Excel export; pupils answer an open
wave's questionnaire at /s/ with a one-time pupil code (or a class code when the pupil
codes run out), as measurement/views/survey.py's flow has it: the code is posted, the
questionnaire comes back with a signed ticket, the answers are posted with it and the
answer is a redirect to the thank-you page; young people send ideas on the public idea
form (/i/<slug>/ideas/send/, no account, as ideas/views/public.py has it), each from its
own phone's address, and an idea is accepted when the form redirects to the thank-you
page and that page answers 200.

With several gunicorn instances (`--instances`), each browser sends each request to the
next instance in turn (the plan's `hosts`), as a load balancer without sticky sessions
would: logged in on one, the next page from another, a survey's code posted to one and its
answers to the other. That works only if no instance keeps anything of a browser between
requests. Every request records which instance answered it.

The bench stands in for the TLS-terminating proxy of docs/deploy.md: every request says
`X-Forwarded-Proto: https` and appends a client address to `X-Forwarded-For`
(`TRUSTED_PROXY_COUNT=1`), one address per school for the pupils — so the survey's
per-address limit counts each school, as it would behind a real proxy — and one per staff
user. The production settings mark the session and CSRF cookies Secure; the users' cookie
jar sends them over the loopback's plain HTTP as a browser would over HTTPS.

A page must answer 200 itself (a redirect to the login page is a failure, not a success);
an accepted survey answer is a 302 to /s/thanks/ whose page answers 200. A class code
refused because the class is full is the survey working, not an error: counted apart.

The plan (hosts, initiatives, addresses, logins, codes) comes from the JSON file
RYGRAD_LOAD_PLAN; every request's time and the tally and times of the survey answers and
ideas accepted go to RYGRAD_LOAD_RESULT at the end.
"""

from __future__ import annotations

import itertools
import json
import os
import random
import re
import time
from collections import Counter
from http.cookiejar import DefaultCookiePolicy
from pathlib import Path
from urllib.parse import urlencode

from locust import FastHttpUser, between, events, task

PLAN = json.loads(Path(os.environ["RYGRAD_LOAD_PLAN"]).read_text(encoding="utf-8"))
PUPIL_CODES = list(PLAN["pupil_codes"])  # [school, code], each used once
random.Random(11).shuffle(PUPIL_CODES)
HOSTS = itertools.cycle(range(len(PLAN["hosts"])))
RECORDS: list[tuple[float, str, float, bool, int]] = []
SURVEY = Counter()  # accepted_pupil, accepted_class, refused_class_full, unexpected
IDEAS = Counter()  # accepted, refused, unexpected
ACCEPTED_AT: dict[str, list[float]] = {"answers": [], "ideas": []}  # when (epoch seconds)
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

    def __init__(self, environment):
        self.instance = next(HOSTS)  # the instance of this browser's first request
        self.host = PLAN["hosts"][self.instance]
        super().__init__(environment)

    def next_instance(self) -> str:
        """Each request goes to the next instance in turn, as a load balancer without
        sticky sessions sends them: the login on one, the next page on another, a form
        fetched from one and posted to the other. The base URL of the instance."""
        self.instance = (self.instance + 1) % len(PLAN["hosts"])
        return PLAN["hosts"][self.instance]

    def on_start(self):
        self.client.cookiejar.set_policy(
            DefaultCookiePolicy(secure_protocols=("https", "wss", "http")))

    def headers(self, host: str, page: str | None = None) -> dict:
        headers = {"X-Forwarded-Proto": "https", "X-Forwarded-For": self.address,
                   "Accept-Language": "da"}
        if page is not None:  # a form sent from `page`, as a browser sends it
            # Behind a load balancer every instance answers to the one public origin; here
            # each has its own port, so the origin is the instance the form is sent to.
            origin = "https://" + host.split("://", 1)[1].rstrip("/")
            headers.update({"Origin": origin, "Referer": origin + page,
                            "Content-Type": "application/x-www-form-urlencoded"})
        return headers

    def page(self, url: str, name: str) -> str | None:
        """GET a page that must answer 200 itself; its text, or None on failure."""
        host = self.next_instance()
        with self.client.get(host + url, name=name, headers=self.headers(host),
                             allow_redirects=False, catch_response=True,
                             context={"instance": self.instance}) as response:
            if response.status_code != 200:
                response.failure(f"{response.status_code} {response.headers.get('Location', '')}")
                return None
            return response.text

    def post(self, url: str, name: str, data: dict):
        """POST a form from the page `url`, not following a redirect; a `with` block in
        which the response is judged."""
        host = self.next_instance()
        return self.client.post(host + url, name=name, data=urlencode(data),
                                headers=self.headers(host, url), allow_redirects=False,
                                catch_response=True, context={"instance": self.instance})


class Staff(Visitor):
    """The secretariat or an alliance member, logged in, reading and exporting."""

    def on_start(self):
        super().on_start()
        number = random.randrange(1, 250)
        self.address = f"10.1.0.{number}"
        self.initiative = random.choice(PLAN["initiatives"])
        self.pages = self.initiative["pages"]
        login = self.initiative["logins"][number % len(self.initiative["logins"])]
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
        self.page(self.pages["dashboard"], "dashboard")

    @task(3)
    def activities(self):
        self.page(self.pages["activities"], "activities")

    @task(2)
    def an_activity(self):
        self.page(random.choice(self.initiative["activities"]), "an activity")

    @task(2)
    def organisations(self):
        self.page(self.pages["organisations"], "organisations")

    @task(2)
    def people(self):
        self.page(self.pages["people"], "people")

    @task(1)
    def action_plan(self):
        self.page(self.pages["action plan"], "action plan")

    @task(2)
    def measurement_overview(self):
        self.page(self.pages["measurement overview"], "measurement overview")

    @task(2)
    def trends(self):
        self.page(self.pages["trends"], "trends")

    @task(2)
    def breakdown(self):
        self.page(self.pages["breakdown"], "breakdown by school")

    @task(1)
    def changes(self):
        self.page(self.pages["what changed"], "what changed")

    @task(1)
    def public_results(self):
        self.page(self.pages["public survey results"], "public survey results")

    @task(1)
    def export(self):
        self.page(self.pages["activities as Excel"], "activities as Excel")

    @task(2)
    def ideas(self):
        self.page(self.pages["ideas"], "ideas")

    @task(1)
    def you_said(self):
        self.page(self.pages["you said - we did"], "you said - we did")


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
            ACCEPTED_AT["answers"].append(time.time())


class YoungPerson(Visitor):
    """A child or young person sending an idea on the public form from their phone, no
    account: the form, the idea posted, the thank-you page."""

    fixed_count = int(os.environ.get("RYGRAD_LOAD_YOUTH", "5"))

    @task
    def send_idea(self):
        # Each idea from its own phone: the per-address limit (20 in 10 minutes) is for a
        # class sharing one network, not for a town's young people.
        self.address = f"10.3.{random.randrange(256)}.{random.randrange(1, 255)}"
        target = random.choice(PLAN["idea_forms"])
        form = self.page(target["form"], "idea: form")
        token = CSRF.search(form or "")
        if token is None:
            return
        self.wait()  # typing the idea
        group = random.choice(["child", "young_person", "young_person"])
        with self.post(target["form"], "idea: send", {
                "csrfmiddlewaretoken": token.group(1),
                "title": random.choice(IDEA_TITLES), "description": random.choice(
                    ["", "Det ville gøre det sjovere at være ung her."]),
                "submitter_group": group,
                "age_band": "u13" if group == "child" else random.choice(
                    ["13-15", "16-18", ""]),
                "nickname": random.choice(["", "Emma", "Ali", "Liv"]),
                "website": ""}) as response:
            if response.headers.get("Location") != target["thanks"]:
                IDEAS["unexpected"] += 1
                response.failure(f"the idea was not accepted ({response.status_code})")
                return
        if self.page(target["thanks"], "idea: thank-you page") is not None:
            IDEAS["accepted"] += 1
            ACCEPTED_AT["ideas"].append(time.time())


IDEA_TITLES = ["Flere bænke i parken", "Et sted at spille musik efter skole",
               "Gratis svømning for alle børn", "Lys på cykelstien om aftenen",
               "En lektiecafé på biblioteket", "E-sport i ungdomsklubben",
               "Bedre busser om aftenen", "Fodbold i frikvarteret for alle"]


@events.request.add_listener
def _record(name, start_time, response_time, exception, context=None, **_kwargs):
    """Every request as (start, name, milliseconds, succeeded, instance), for bench/load.py
    to take exact percentiles of the whole run and of the part after the logins, and the
    throughput of each instance."""
    RECORDS.append((start_time, name, response_time, exception is None,
                    (context or {}).get("instance", 0)))


@events.test_stop.add_listener
def _write_result(environment, **_kwargs):
    result = {
        "requests": RECORDS,
        "errors": [{"name": error.name, "error": str(error.error),
                    "occurrences": error.occurrences}
                   for error in environment.stats.errors.values()],
        "survey": dict(SURVEY), "pupil_codes_left": len(PUPIL_CODES),
        "ideas": dict(IDEAS), "accepted_at": ACCEPTED_AT,
    }
    Path(os.environ["RYGRAD_LOAD_RESULT"]).write_text(json.dumps(result), encoding="utf-8")
