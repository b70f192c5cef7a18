"""Every label a page shows, in Japanese and English.

Descriptor labels and help texts come from the schemas' own titles and
descriptions; vocabulary terms from the vocabulary file (mccat.vocabulary).
What remains, the site's own interface text (section headings, table heads,
messages), lives in INTERFACE_TEXT below. A test checks that every key has
both languages and that every key the templates use exists.
"""

from __future__ import annotations

from functools import cache

from .schema import Descriptor, descriptors


@cache
def descriptor_index(kind: str) -> dict[str, Descriptor]:
    """The schema's descriptors by dotted path ('delivery.mode')."""
    return {d.name: d for d in descriptors(kind)}


def descriptor_label(kind: str, path: str, lang: str) -> str:
    return descriptor_index(kind)[path].title[lang]


INTERFACE_TEXT: dict[str, dict[str, str]] = {
    # site
    "site.example_banner": {
        "ja": "このサイトの提供機関とプログラムはすべて架空のサンプルデータです。",
        "en": "Every provider and program on this site is fictional example data.",
    },
    "site.language_switch": {"ja": "English", "en": "日本語"},
    "site.breadcrumb": {"ja": "現在の位置", "en": "You are here"},
    "site.home": {"ja": "ホーム", "en": "Home"},
    "site.choose_language": {"ja": "言語を選んでください", "en": "Choose a language"},
    "site.not_found": {"ja": "ページが見つかりません", "en": "Page not found"},
    # lists
    "list.separator": {"ja": "、", "en": ", "},
    "list.programs": {"ja": "すべてのプログラム", "en": "All programs"},
    "list.programs_intro": {
        "ja": "レジストリに登録されたすべてのマイクロクレデンシャル・プログラム（{count}件）。",
        "en": "Every micro-credential program in the registry ({count}).",
    },
    "list.fields": {"ja": "分野別", "en": "By field of study"},
    "list.fields_intro": {
        "ja": "ISCED-F 2013 の学問分野別のプログラム。プログラムが登録されている分野のみを表示しています。",
        "en": "Programs by ISCED-F 2013 field of study. Only fields with programs are shown.",
    },
    "list.providers": {"ja": "提供機関", "en": "Providers"},
    "list.providers_intro": {
        "ja": "プログラムを提供する機関（{count}機関）。",
        "en": "The organisations that award the programs ({count}).",
    },
    "list.programs_of_provider": {"ja": "この機関のプログラム", "en": "Programs of this provider"},
    "list.programs_in_field": {"ja": "この分野のプログラム", "en": "Programs in this field"},
    "list.program_count": {"ja": "{count}件のプログラム", "en": "{count} programs"},
    "list.program_count_one": {"ja": "1件のプログラム", "en": "1 program"},
    "list.no_programs": {"ja": "プログラムはありません。", "en": "No programs."},
    "list.broad_field": {"ja": "大分類", "en": "Broad field"},
    # home
    "home.in_numbers": {"ja": "数字で見るレジストリ", "en": "The registry in numbers"},
    "home.recent": {"ja": "最近承認されたプログラム", "en": "Recently approved programs"},
    "home.browse": {"ja": "プログラムを探す", "en": "Browse programs"},
    "home.stat.programs": {"ja": "公開中のプログラム", "en": "programs open to learners"},
    "home.stat.providers": {"ja": "提供機関", "en": "providers"},
    "home.stat.fields": {"ja": "学問分野", "en": "fields of study"},
    "home.stat.credit": {"ja": "単位等が得られるプログラム", "en": "programs with credit or recognition"},
    "home.stat.online": {"ja": "オンラインで受講できるプログラム", "en": "programs taught online"},
    "home.approved_on": {"ja": "{date}承認", "en": "approved {date}"},
    # program page sections
    "section.overview": {"ja": "概要", "en": "Overview"},
    "section.outcomes": {"ja": "学修成果", "en": "Learning outcomes"},
    "section.delivery": {"ja": "授業の方法と学習量", "en": "Delivery and effort"},
    "section.assessment": {"ja": "評価・質保証・レベル", "en": "Assessment, quality and level"},
    "section.credential": {"ja": "証明・単位等・積み上げ", "en": "Credential, credit and stacking"},
    "section.fee": {"ja": "受講料と開講日程", "en": "Fee and dates"},
    "section.approval": {"ja": "承認と変更履歴", "en": "Approval and history"},
    "section.conformance": {"ja": "フレームワークとの対応", "en": "Conformance with frameworks"},
    "section.data": {"ja": "機械可読データ", "en": "Machine-readable files"},
    "section.provider": {"ja": "提供機関について", "en": "About the provider"},
    "program.at_a_glance": {"ja": "概要（一覧）", "en": "At a glance"},
    "program.stacked_from": {"ja": "このプログラムに積み上げられるもの", "en": "Programs that stack into this one"},
    "program.not_stated": {"ja": "記載なし", "en": "Not stated"},
    "program.none": {"ja": "なし", "en": "None"},
    "program.yes": {"ja": "はい", "en": "Yes"},
    "program.no": {"ja": "いいえ", "en": "No"},
    "program.free": {"ja": "無料", "en": "Free"},
    "program.learners": {"ja": "{count}名", "en": "{count} learners"},
    "program.eqf": {"ja": "EQFレベル{level}", "en": "EQF level {level}"},
    "program.ects": {"ja": "{value} ECTS", "en": "{value} ECTS"},
    "program.credits": {"ja": "{value}（{system}）", "en": "{value} ({system})"},
    "program.offering_past": {"ja": "（終了）", "en": "(ended)"},
    "program.no_offerings": {"ja": "開講日程は掲載されていません。", "en": "No dates are listed."},
    "program.in_other_language": {"ja": "（原文のみ）", "en": "(original language only)"},
    "program.provider_page": {"ja": "提供機関のページ", "en": "Provider page"},
    "program.status_note_expired": {
        "ja": "承認の有効期限（{date}）を過ぎています。更新されるまで、承認済みのプログラムとして扱われません。",
        "en": "The approval expired on {date}. Until it is renewed, the program is not an approved program.",
    },
    "program.status_note_suspended": {
        "ja": "このプログラムの承認は一時停止されています。",
        "en": "The approval of this program is suspended.",
    },
    "program.status_note_withdrawn": {
        "ja": "このプログラムの承認は取り下げられました。記録として掲載しています。",
        "en": "The approval of this program has been withdrawn; the page is kept as a record.",
    },
    "status.expired": {"ja": "有効期限切れ", "en": "Expired"},
    # history
    "history.title": {"ja": "変更履歴", "en": "Change history"},
    "history.first": {"ja": "初回承認（レジストリへの登録）", "en": "First approved (added to the registry)"},
    "history.last": {"ja": "最終変更", "en": "Last changed"},
    "history.date": {"ja": "日付", "en": "Date"},
    "history.change": {"ja": "変更内容", "en": "Change"},
    "history.commit": {"ja": "コミット", "en": "Commit"},
    "history.pull_request": {"ja": "プルリクエスト", "en": "Pull request"},
    "history.none": {
        "ja": "このサイトの作成時に、変更履歴を参照できませんでした。",
        "en": "No change history was available when this site was built.",
    },
    # conformance
    "conformance.framework": {"ja": "フレームワーク", "en": "Framework"},
    "conformance.stated": {"ja": "記載された必須項目", "en": "Required information stated"},
    "conformance.missing": {"ja": "記載のない項目", "en": "Not stated"},
    "conformance.all": {"ja": "すべて記載", "en": "All stated"},
    "conformance.count": {"ja": "{present} / {total}", "en": "{present} of {total}"},
    "conformance.details": {"ja": "項目ごとの対応", "en": "Element by element"},
    "conformance.note": {
        "ja": "登録データのどの項目が記入されているかから自動的に判定しています。内容の審査結果ではありません。",
        "en": "Computed from which fields the registry entry fills in; it is not a review of the content.",
    },
    "conformance.status.present": {"ja": "記載あり", "en": "Stated"},
    "conformance.status.missing": {"ja": "記載なし", "en": "Not stated"},
    "conformance.status.not_stated": {"ja": "該当する場合のみ（記載なし）", "en": "If applicable (not stated)"},
    "conformance.status.on_credential": {
        "ja": "発行される証明ごとに記載", "en": "On each credential issued",
    },
    # machine-readable files
    "data.intro": {
        "ja": "このプログラムの登録データは、他のシステムから利用できる形式でも公開しています。",
        "en": "This program's registry entry is also published in formats other systems can read.",
    },
    "data.jsonld": {"ja": "JSON-LD（schema.org・Open Badges 3.0）", "en": "JSON-LD (schema.org, Open Badges 3.0)"},
    "data.json": {"ja": "JSON（登録データ）", "en": "JSON (registry entry)"},
    "data.source": {"ja": "YAMLの原本（GitHub）", "en": "Source YAML (GitHub)"},
    # provider page
    "provider.programs_count": {"ja": "プログラム数", "en": "Programs"},
    # descriptor reference
    "reference.program": {"ja": "プログラムの記述項目", "en": "Program descriptors"},
    "reference.provider": {"ja": "提供機関の記述項目", "en": "Provider descriptors"},
    "reference.field": {"ja": "項目（YAMLのキー）", "en": "Field (YAML key)"},
    "reference.required": {"ja": "必須", "en": "Required"},
    "reference.optional": {"ja": "任意", "en": "Optional"},
    "reference.example": {"ja": "記入例", "en": "Example"},
    "reference.values": {"ja": "使用できる値", "en": "Allowed values"},
    "reference.other_language": {"ja": "英語の項目名", "en": "Japanese name"},
}


def interface_text(key: str, lang: str, **values: object) -> str:
    """A piece of the site's own interface text, with {placeholders} filled in."""
    try:
        text = INTERFACE_TEXT[key][lang]
    except KeyError:
        raise KeyError(f"no interface text '{key}' in '{lang}': add it to INTERFACE_TEXT in mccat/labels.py") from None
    return text.format(**values) if values else text
