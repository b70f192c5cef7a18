"""Synthetic catalogues for benchmarks: valid, bilingual, every descriptor value used.

Deterministic for a given seed, so benchmark runs compare like with like.
Every program gets its committee decisions, as a real catalogue has them:
an approval each (catalogue/decisions/SYN-<year>-<n>.yaml), a suspension for
every fiftieth program, a renewal for every tenth, and a committee list
(governance/committee.yaml beside the catalogue, written unless there is
one: then its first members are the reviewers).
"""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

from mccat.model.identifiers import corporate_number_check_digit
from mccat.model.vocabulary import vocabularies
from mccat.validation.committee import COMMITTEE_FILE, load_committee

# CTIDs of synthetic records: UUID v5 of the record's id and the seed in this namespace (fictional), so the
# same seed writes the same CTIDs and random draws are left as they were.
SYNTH_NAMESPACE = uuid.UUID("5e7a1c0d-0000-4000-8000-00000000c7d1")
SCHOOL_TYPES = {"university": "F1", "junior_college": "F2", "college_of_technology": "G1", "vocational_school": "H1"}

TOPICS = [
    ("データ分析", "data analysis"),
    ("機械学習", "machine learning"),
    ("情報セキュリティ", "information security"),
    ("介護技術", "care techniques"),
    ("観光ホスピタリティ", "tourism hospitality"),
    ("会計", "accounting"),
    ("プロジェクトマネジメント", "project management"),
    ("スマート農業", "smart agriculture"),
    ("再生可能エネルギー", "renewable energy"),
    ("日本語教育", "Japanese language teaching"),
    ("建築BIM", "building information modelling"),
    ("物流管理", "logistics management"),
    ("デジタルマーケティング", "digital marketing"),
    ("統計学", "statistics"),
    ("公衆衛生", "public health"),
    ("ロボット制御", "robot control"),
    ("知的財産法", "intellectual property law"),
    ("森林管理", "forest management"),
]
LEVELS = [("入門", "Introduction to"), ("実践", "Applied"), ("応用", "Advanced"), ("基礎", "Foundations of")]
VERBS = [
    ("を説明できる", "Explain"),
    ("を実践できる", "Apply"),
    ("を評価できる", "Evaluate"),
    ("を設計できる", "Design"),
    ("を分析できる", "Analyse"),
]
ASPECTS = [
    ("基本概念", "the core concepts of"),
    ("主要な手法", "the main methods of"),
    ("現場での課題", "workplace problems in"),
    ("倫理的な論点", "the ethical issues of"),
    ("最新の動向", "recent developments in"),
]


def _bi(ja: str, en: str) -> dict[str, str]:
    return {"ja": ja, "en": en}


def _ctid(seed: int, record: str) -> str:
    return f"ce-{uuid.uuid5(SYNTH_NAMESPACE, f'{seed}:{record}')}"


def _provider(index: int, rng: random.Random, seed: int = 1) -> tuple[str, dict]:
    types = vocabularies()["provider_type"].codes
    sectors = vocabularies()["sector"].codes
    pid = f"synthetic-provider-{index:03d}"
    kind = types[index % len(types)]
    base = f"9999{index:08d}"  # registry office 9999 does not exist: fictional, with a correct check digit
    identifiers: dict[str, str] = {"corporate_number": f"{corporate_number_check_digit(base)}{base}"}
    if kind in SCHOOL_TYPES:
        identifiers["school_code"] = f"{SCHOOL_TYPES[kind]}199{index:07d}0"  # prefecture 99: fictional
    return pid, {
        "schema_version": 1,
        "name": _bi(f"架空教育機関{index:03d}", f"Synthetic Provider {index:03d}"),
        "type": kind,
        "sector": sectors[index % len(sectors)],
        "country": "JP",
        "prefecture": f"{index % 47 + 1:02d}",
        "url": f"https://example.org/providers/{index:03d}/",
        "contact": {"email": f"office-{index:03d}@example.org"},
        "description": _bi(
            "ベンチマーク用に生成された架空の提供機関です。", "A fictional provider generated for benchmarks."
        ),
        "quality_assurance": _bi(
            "内部の教育課程委員会が毎年審査します。",
            "An internal curriculum committee reviews every program each year.",
        ),
        **identifiers,
        "ctid": _ctid(seed, pid),
        "maintainers": [f"synth-maintainer-{index:03d}"],
        "example": True,
    }


def _program(index: int, pid: str, rng: random.Random, stack_target: str | None, seed: int = 1) -> tuple[dict, dict]:
    v = vocabularies()
    topic_ja, topic_en = TOPICS[index % len(TOPICS)]
    level_ja, level_en = LEVELS[(index // len(TOPICS)) % len(LEVELS)]
    mode = v["delivery_mode"].codes[index % 3]
    hours = [10, 12, 15, 20, 24, 30, 45, 60, 90, 120, 180, 300][index % 12]
    approved = date(2024, 4, 1) + timedelta(days=rng.randrange(0, 900))
    start = date(2026, 4, 1) + timedelta(days=rng.randrange(0, 200))
    outcomes = [
        _bi(f"{topic_ja}の{aspect_ja}{verb_ja}。", f"{verb_en} {aspect_en} {topic_en}.")
        for (aspect_ja, aspect_en), (verb_ja, verb_en) in zip(rng.sample(ASPECTS, 3), rng.sample(VERBS, 3), strict=True)
    ]
    program: dict[str, Any] = {
        "schema_version": 1,
        "title": _bi(f"{topic_ja}{level_ja} {index}", f"{level_en} {topic_en.capitalize()} {index}"),
        "summary": _bi(f"{topic_ja}の{level_ja}を{hours}時間で学びます。", f"{level_en} {topic_en} in {hours} hours."),
        "provider": pid,
        "url": f"https://example.org/{pid}/programs/{index}",
        "description": _bi(
            f"このプログラムでは{topic_ja}の{level_ja}的な内容を、講義と演習を組み合わせて学びます。"
            "修了時には実務で使える成果物を作成します。",
            f"This program covers {topic_en} at the {level_en.lower()} level through lectures and exercises. "
            "Learners finish with a piece of work they can use on the job.",
        ),
        "learning_outcomes": outcomes,
        "audience": _bi("社会人・学生", "Working adults and students"),
        "fields": rng.sample(v["isced_field"].codes, rng.choice([1, 1, 2])),
        "skills": [{"label": _bi(topic_ja, topic_en)}],
        "languages": ["ja"] if index % 5 else ["ja", "en"],
        "delivery": {"mode": mode, "pace": v["pace"].codes[index % 2]},
        "effort": {"hours": hours, "weeks": max(1, min(52, hours // 5))},
        "assessment": {
            "types": rng.sample(v["assessment_type"].codes, 2),
            "identity_verification": v["identity_verification"].codes[index % 4],
        },
        "quality_assurance": {"types": rng.sample(v["qa_type"].codes, 2)},
        "level": {"eqf": 3 + index % 5},
        "credential": {"formats": rng.sample(v["credential_format"].codes, 2)},
        "stackability": {"stackable": stack_target is not None},
        "fee": {"amount": 0 if index % 4 == 0 else 5000 * (1 + index % 20), "currency": "JPY"},
        "offerings": [
            {
                "start": start.isoformat(),
                "end": (start + timedelta(weeks=8)).isoformat(),
                "application_deadline": (start - timedelta(days=14)).isoformat(),
            }
        ],
    }
    decision = {"approved_on": approved, "suspended": index % 50 == 0, "renewed": index % 10 == 3}
    if mode != "online":
        program["delivery"]["location"] = _bi("東京都千代田区", "Chiyoda, Tokyo")
    if stack_target:
        program["stackability"]["stacks_into"] = [stack_target]
    if index % 3 == 0:
        program["recognition"] = {"credits": {"value": 1 + index % 4, "system": v["credit_system"].codes[index % 4]}}
    if index % 7 == 0:
        kind = v["training_benefit_kind"].codes[index % 3]
        program["designations"] = {
            "training_benefit": {
                "kind": kind,
                "number": f"999{index:04d}-2624{index % 1000:03d}-{index % 10}",
                "valid_from": "2026-04-01",
                "valid_until": "2029-03-31",
            }
        }
    if (
        hours >= 60
        and index % 11 == 0
        and v["provider_type"].codes[int(pid[-3:]) % len(v["provider_type"].codes)] in SCHOOL_TYPES
    ):
        program.setdefault("designations", {})["rishu_shomei"] = True
        if index % 2 == 0:
            program["designations"]["brush_up_program"] = {"certified_in": 2024}
    program["ctid"] = _ctid(seed, f"{pid}/program-{index:05d}")
    return program, decision


REVIEWERS = ["synth-committee-chair", "synth-committee-member"]


def _decisions(approvals: list[tuple[str, dict]], reviewers: list[str]) -> dict[str, dict]:
    """The committee's decisions on the programs, by id: numbered per year in the order of their date."""
    events = []
    for program_id, info in approvals:
        approved = info["approved_on"]
        until = approved + timedelta(days=3 * 365)
        events.append((approved, "approve", program_id, {"valid_until": until.isoformat()}))
        if info["suspended"]:
            reason = _bi("内容の見直し中です。", "Under review.")
            events.append((approved + timedelta(days=10), "suspend", program_id, {"reason": reason}))
        if info["renewed"]:
            events.append(
                (
                    approved + timedelta(days=5),
                    "renew",
                    program_id,
                    {"valid_until": (until + timedelta(days=365)).isoformat()},
                )
            )
    numbers: dict[int, int] = {}
    decisions = {}
    for day, kind, program_id, extra in sorted(events, key=lambda e: (e[0], e[2], e[1])):
        numbers[day.year] = numbers.get(day.year, 0) + 1
        decisions[f"SYN-{day.year}-{numbers[day.year]}"] = {
            "schema_version": 1,
            "date": day.isoformat(),
            "kind": kind,
            "programs": [program_id],
            **extra,
            "reviewers": reviewers,
            "evidence": [{"reference": f"SYN-MIN-{day.year}-{day.month:02d}"}],
        }
    return decisions


def write_synthetic_catalogue(out: Path, *, programs: int, providers: int, seed: int) -> int:
    """Write providers/, programs/ and decisions/ under out, and the committee list beside it (out's parent's
    governance/committee.yaml, unless one is there); return the number of catalogue files written."""
    rng = random.Random(seed)
    providers = max(1, providers)
    (out / "providers").mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(providers):
        pid, data = _provider(i, rng, seed)
        ids.append(pid)
        _write(out / "providers" / f"{pid}.yaml", data, "../../schemas/provider.schema.json")
    approvals = []
    for i in range(programs):
        pid = ids[i % providers]
        # Every tenth program of a provider is a capstone the next nine stack into.
        group_head = i - (i // providers % 10) * providers
        target = f"{pid}/program-{group_head:05d}" if group_head != i else None
        program, decision = _program(i, pid, rng, target, seed)
        _write(out / "programs" / pid / f"program-{i:05d}.yaml", program, "../../../schemas/program.schema.json")
        approvals.append((f"{pid}/program-{i:05d}", decision))
    committee = out.parent / COMMITTEE_FILE
    members, _ = load_committee(committee, str(committee))
    if members is None:  # no committee list beside the catalogue: one for the synthetic reviewers
        committee.parent.mkdir(parents=True, exist_ok=True)
        committee.write_text("members:\n" + "".join(f"  - {account}\n" for account in REVIEWERS), encoding="utf-8")
    decisions = _decisions(approvals, members[:2] if members else REVIEWERS)
    for decision_id, data in decisions.items():
        _write(out / "decisions" / f"{decision_id}.yaml", data, "../../schemas/decision.schema.json")
    return providers + programs + len(decisions)


class _QuotingDumper(yaml.SafeDumper):
    """Quotes strings that start with a digit ("061", dates), so YAML 1.1 and 1.2 readers agree."""


def _represent_str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    style = '"' if value[:1].isdigit() else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_QuotingDumper.add_representer(str, _represent_str)


def _write(path: Path, data: dict, schema: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = yaml.dump(data, Dumper=_QuotingDumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(f"# yaml-language-server: $schema={schema}\n{text}", encoding="utf-8")
