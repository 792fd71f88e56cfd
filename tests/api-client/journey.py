"""An integrator's journey through FutureMatch, only through a client generated from the served
OpenAPI document by openapi-python-client (a generator nobody here wrote).

Every call goes through the generated functions with bodies built by the generated models'
`from_dict`; every answer is parsed into the generated models. A call whose answer has a status
the step did not expect, or a body that does not parse into its documented model, fails the run.

Usage: python journey.py BASE_URL ADMIN_EMAIL ADMIN_PASSWORD   (the generated package importable)
"""

import datetime
import re
import sys
import time

from futurematch_api_client import Client
from futurematch_api_client.api.accounts import get_me, get_me_export, login, post_auth_register, verify_email
from futurematch_api_client.api.admin import moderate, outbox, post_admin_orgs_id_verify
from futurematch_api_client.api.capabilities import post_capabilities, post_capabilities_id_submit
from futurematch_api_client.api.demands import get_demands, get_demands_id, post_demands, post_demands_id_submit
from futurematch_api_client.api.engagements import post_engagements, post_engagements_id_accept
from futurematch_api_client.api.events import get_events, get_events_id, post_events_id_registrations
from futurematch_api_client.api.matching import demand_matches
from futurematch_api_client.api.orgs import post_orgs
from futurematch_api_client.api.search import get_search
from futurematch_api_client.models import (
    ApiError,
    LoginRequest,
    ModerationRequest,
    NewEngagement,
    NewPostingCapability,
    NewPostingDemand,
    OrgInput,
    PagePostingSummary,
    PostingKind,
    RegisterRequest,
    RegistrationInput,
    SearchResults,
    VerifyEmailRequest,
)

BASE, ADMIN_EMAIL, ADMIN_PASSWORD = sys.argv[1:4]
DEMO_PASSWORD = "FutureMatch-demo-2026"
STEPS = []


def step(name, response, status, model=None):
    """The answer of one call: its status must be `status` and its body parse as `model`."""
    parsed = response.parsed
    if response.status_code != status:
        detail = parsed.to_dict() if isinstance(parsed, ApiError) else response.content[:400]
        raise SystemExit(f"FAIL {name}: HTTP {int(response.status_code)}, expected {status}: {detail}")
    if model is not None and not isinstance(parsed, model):
        raise SystemExit(f"FAIL {name}: the body did not parse as {model}: {response.content[:400]!r}")
    STEPS.append(f"{name}: {int(response.status_code)}")
    print(f"ok   {name}: {int(response.status_code)}", flush=True)
    return parsed


def client():
    # Any status outside the documented responses raises `UnexpectedStatus`.
    return Client(base_url=BASE, raise_on_unexpected_status=True, follow_redirects=True)


def sign_in(email, password):
    c = client()
    step(f"sign in as {email}", login.sync_detailed(client=c, body=LoginRequest.from_dict({"email": email, "password": password})), 200)
    return c


stamp = str(int(time.time() * 1000))
email = f"integrator-{stamp}@example.com"
password = "an-integrators-passphrase-2026"
today = datetime.date.today()

# 1. Register, then verify the address with the link the platform mailed (read from the outbox).
me = client()
user = step("register", post_auth_register.sync_detailed(client=me, body=RegisterRequest.from_dict(
    {"email": email, "password": password, "display_name": "集成测试员", "locale": "zh-CN"})), 201)
admin = sign_in(ADMIN_EMAIL, ADMIN_PASSWORD)
mails = step("read the outbox", outbox.sync_detailed(client=admin), 200, list)
link = next(m.body for m in mails if m.to_email == email)
token = re.search(r"token=([A-Za-z0-9_-]+)", link).group(1)
step("verify the email address", verify_email.sync_detailed(client=me, body=VerifyEmailRequest.from_dict({"token": token})), 204)

# 2. An organization, verified by a site admin.
org = step("create an organization", post_orgs.sync_detailed(client=me, body=OrgInput.from_dict({
    "name_zh": f"杭州集成测试科技有限公司{stamp}", "name_en": f"Hangzhou Integration Test Tech {stamp}",
    "kind": "enterprise", "domains": ["advanced_energy"], "district": "qiantang", "founded_year": 2019,
    "website": "https://example.com", "contact_email": email, "contact_phone": "0571-88888888",
    "description": "一家做固态电池材料的企业。", "tiers": [], "size": "small"})), 201)
step("an admin verifies it", post_admin_orgs_id_verify.sync_detailed(org.id, client=admin), 200)

# 3. A demand with every field, and a lab's capability with every field; both reviewed.
title = f"固态电池电解质界面稳定性攻关{stamp}"
demand = step("post a demand", post_demands.sync_detailed(client=me, body=NewPostingDemand.from_dict({
    "org_id": org.id, "kind": "demand", "title_zh": title, "title_en": "Solid-state electrolyte interface stability",
    "summary_zh": "寻求固态电解质界面改性方案，提升循环寿命。", "summary_en": "Looking for interface modification.",
    "details_zh": "循环寿命需达到1000次以上，容量保持率90%。", "details_en": "1,000 cycles at 90% capacity.",
    "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质"], "district": "qiantang",
    "pilot_zone": None, "deadline": str(today + datetime.timedelta(days=200)),
    "demand_type": "tech_problem", "trl": 6, "budget_min": 200, "budget_max": 500,
    "start": str(today + datetime.timedelta(days=30)), "expected_outcome": "中试样品与测试报告",
    "indicators": "循环1000次容量保持率≥90%",
    "open_call": {"reward": 300, "application_deadline": str(today + datetime.timedelta(days=90))},
    "amount_sought": None, "round": None})), 201)
lab = sign_in("lab@demo.futurematch.cn", DEMO_PASSWORD)
lab_me = step("the lab's account", get_me.sync_detailed(client=lab), 200)
lab_org = next(m.org_id for m in lab_me.memberships if m.org_kind.value == "lab")
capability = step("a lab posts a capability", post_capabilities.sync_detailed(client=lab, body=NewPostingCapability.from_dict({
    "org_id": lab_org, "kind": "capability", "title_zh": f"固态电解质界面表征与改性服务{stamp}",
    "title_en": "Solid electrolyte interface characterisation", "summary_zh": "提供固态电池电解质界面改性与表征。",
    "summary_en": "Interface modification and characterisation.", "details_zh": "拥有原位表征平台。", "details_en": None,
    "domains": ["advanced_energy"], "keywords": ["固态电池", "电解质", "界面"], "district": "qiantang",
    "pilot_zone": None, "deadline": None, "capability_kind": "research", "trl": 6, "ip_status": "granted",
    "modes": ["joint_development", "contract_research"], "patents": ["ZL202310000001.X"], "team": "教授领衔，12人",
    "cases": "为两家电池企业完成界面改性", "negotiable": False, "price_min": 100, "price_max": 400})), 201)
step("submit the demand", post_demands_id_submit.sync_detailed(demand.id, client=me), 200)
step("submit the capability", post_capabilities_id_submit.sync_detailed(capability.id, client=lab), 200)
approved = step("an admin approves both", moderate.sync_detailed(client=admin, body=ModerationRequest.from_dict(
    {"ids": [demand.id, capability.id], "decision": "approve"})), 200, list)
assert all(p.status.value == "published" for p in approved), approved

# 4. Lists with filters and paging, search, matches.
page = step("list demands with filters and paging", get_demands.sync_detailed(
    client=client(), domain="advanced_energy", trl_min=5, amount_min=100, district="qiantang", page=1, per_page=5),
    200, PagePostingSummary)
assert page.per_page == 5 and page.total >= 1 and len(page.items) <= 5, page
second = step("the next page", get_demands.sync_detailed(client=client(), domain="advanced_energy", page=2, per_page=5), 200, PagePostingSummary)
assert not {p.id for p in page.items} & {p.id for p in second.items}, "pages do not overlap"
found = step("search", get_search.sync_detailed(client=client(), q=f"固态电池电解质{stamp}"), 200, SearchResults)
assert any(h.id == demand.id for h in found.items), [h.id for h in found.items]
step("read the demand", get_demands_id.sync_detailed(demand.id, client=me), 200)
matches = step("its matches", demand_matches.sync_detailed(demand.id, client=me, kind=PostingKind.CAPABILITY, limit=50), 200, list)
assert any(m.posting.id == capability.id for m in matches), [m.posting.id for m in matches]

# 5. A cooperation request, accepted.
request = step("send a request", post_engagements.sync_detailed(client=me, body=NewEngagement.from_dict({
    "from_org": org.id, "posting_id": capability.id, "proposal": "joint_development", "source_id": demand.id,
    "message": "希望就界面改性开展联合研发，预算200–500万元。"})), 201)
accepted = step("the lab accepts it", post_engagements_id_accept.sync_detailed(request.id, client=lab), 200)
assert accepted.status.value == "accepted", accepted

# 6. Register for an event, and export one's data.
events = step("list events", get_events.sync_detailed(client=me, per_page=50), 200)
open_event = None
for e in events.items:
    full = step(f"read event {e.id}", get_events_id.sync_detailed(e.id, client=me), 200)
    free = [t for t in full.ticket_types if t.free > 0 and not t.approval]
    now = datetime.datetime.now(datetime.timezone.utc)
    opens, closes = full.registration_opens_at, full.registration_closes_at
    taking = (not isinstance(opens, datetime.datetime) or opens <= now) and (not isinstance(closes, datetime.datetime) or closes > now)
    if taking and not full.invitation_only and free:
        open_event = (full, free[0])
        break
assert open_event, "an event taking registrations"
event, ticket = open_event
registration = step("register for it", post_events_id_registrations.sync_detailed(event.id, client=me, body=RegistrationInput.from_dict(
    {"ticket_type": ticket.id, "people": ["集成测试员"], "answers": [], "org_id": org.id})), 201)
assert registration.status.value == "confirmed", registration
export = get_me_export.sync_detailed(client=me)
step("export my data", export, 200)
assert email in export.content.decode("utf-8") and event.title_zh in export.content.decode("utf-8"), "the export holds the account and the registration"

print(f"the journey passed: {len(STEPS)} calls through the generated client")
