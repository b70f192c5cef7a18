"""The site's own interface text, in Japanese and English.

Descriptor labels and help texts come from the schemas' own titles and
descriptions (mccat.model.schema); vocabulary terms from the vocabulary file
(mccat.model.vocabulary). What remains, the site's own interface text
(section headings, table heads, messages), lives in INTERFACE_TEXT below.
Pages reach all three through one object per language (mccat.site.language).
A test checks that every key has both languages, that every key the
templates and the code use exists, and that every key is used.
"""

from __future__ import annotations

INTERFACE_TEXT: dict[str, dict[str, str]] = {
    # site
    "site.example_banner": {
        "ja": "このサイトの提供機関とプログラムはすべて架空のサンプルデータです。",
        "en": "Every provider and program on this site is fictional example data.",
    },
    "site.breadcrumb": {"ja": "現在の位置", "en": "You are here"},
    "site.permalink": {"ja": "この見出しへのリンク", "en": "Link to this heading"},  # a heading's ¶, on hover
    "site.home": {"ja": "ホーム", "en": "Home"},
    "site.choose_language": {"ja": "言語を選んでください", "en": "Choose a language"},
    "site.not_found": {"ja": "ページが見つかりません", "en": "Page not found"},
    "site.data_licence": {"ja": "データのライセンス：", "en": "Data licence: "},
    "site.data_api": {"ja": "データの利用（API）", "en": "Data for aggregators (API)"},
    "site.contact": {"ja": "お問い合わせ", "en": "Contact"},
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
    "list.programs_page": {"ja": "{title}（{page}/{pages}）", "en": "{title} ({page}/{pages})"},
    "list.page_range": {"ja": "このページは{first}〜{last}件目です。", "en": "This page: programs {first}–{last}."},
    "list.pages": {"ja": "ページ", "en": "Pages"},
    "list.pages_end": {"ja": "ページ（一覧の終わり）", "en": "Pages (end of the list)"},
    "list.previous_page": {"ja": "前のページ", "en": "Previous page"},
    "list.next_page": {"ja": "次のページ", "en": "Next page"},
    "index.title": {"ja": "索引", "en": "Index"},
    "index.row": {"ja": "{kana}行", "en": "{kana} row"},
    "index.continued": {"ja": "{group}（続き）", "en": "{group} (continued)"},
    "index.group_latin": {"ja": "英数字", "en": "Latin letters and digits"},
    "index.group_digits": {"ja": "数字", "en": "0–9"},
    "index.group_other": {"ja": "その他", "en": "Other"},
    "list.filter_title": {"ja": "条件で絞り込む", "en": "Filter these programs"},
    "list.filter_all": {"ja": "検索ページで絞り込み・並べ替え", "en": "Filter and sort on the search page"},
    "list.filter_these": {
        "ja": "これらのプログラムを検索ページで絞り込み・並べ替え",
        "en": "Filter and sort these programs on the search page",
    },
    # home
    "home.in_numbers": {"ja": "数字で見るレジストリ", "en": "The registry in numbers"},
    "home.recent": {"ja": "最近承認されたプログラム", "en": "Recently approved programs"},
    "home.stat.programs": {"ja": "公開中のプログラム", "en": "programs open to learners"},
    "home.stat.providers": {"ja": "提供機関", "en": "providers"},
    "home.stat.fields": {"ja": "学問分野", "en": "fields of study"},
    "home.stat.credit": {"ja": "単位が得られるプログラム", "en": "programs that award credits"},
    "home.search": {"ja": "プログラムを探す", "en": "Find a program"},
    "home.search_hint": {
        "ja": "名称・分野・スキル・提供機関などで検索できます（ひらがな・カタカナ・英語でも）。",
        "en": "Search by title, field, skill, provider and more (in English or Japanese).",
    },
    "home.stat.online": {"ja": "オンラインで受講できるプログラム", "en": "programs taught online"},
    # program page sections
    "section.overview": {"ja": "概要", "en": "Overview"},
    "section.outcomes": {"ja": "学修成果", "en": "Learning outcomes"},
    "section.delivery": {"ja": "授業の方法と学習量", "en": "Delivery and effort"},
    "section.assessment": {"ja": "評価・質保証・レベル", "en": "Assessment, quality and level"},
    "section.credential": {"ja": "証明・単位等・積み上げ", "en": "Credential, credit and stacking"},
    "section.fee": {"ja": "受講料と開講日程", "en": "Fee and dates"},
    "section.approval": {"ja": "承認の記録", "en": "Approval record"},
    "section.certification": {"ja": "認定マークと認定証明書", "en": "Certification mark and certificates"},
    "section.conformance": {"ja": "フレームワークとの対応", "en": "Conformance with frameworks"},
    "section.data": {"ja": "機械可読データ", "en": "Machine-readable files"},
    "section.provider": {"ja": "提供機関について", "en": "About the provider"},
    "program.at_a_glance": {"ja": "概要（一覧）", "en": "At a glance"},
    "program.stacked_from": {"ja": "このプログラムに積み上げられるもの", "en": "Programs that stack into this one"},
    "program.not_stated": {"ja": "記載なし", "en": "Not stated"},
    "program.not_stated_list": {"ja": "記載のない項目：", "en": "Not stated: "},
    "program.none": {"ja": "なし", "en": "None"},
    "program.yes": {"ja": "はい", "en": "Yes"},
    "program.no": {"ja": "いいえ", "en": "No"},
    "program.free": {"ja": "無料", "en": "Free"},
    "program.learners": {"ja": "{count}名", "en": "{count} learners"},
    "program.eqf": {"ja": "EQFレベル{level}", "en": "EQF level {level}"},
    "program.ects": {"ja": "{value} ECTS", "en": "{value} ECTS"},
    "program.credits": {"ja": "{value}（{system}）", "en": "{value} ({system})"},
    "program.offering_past": {"ja": "（終了）", "en": "(ended)"},
    "program.certified_in": {"ja": "{year}年度認定", "en": "Certified in {year}"},
    "program.training_benefit": {
        "ja": "{kind}（指定番号 {number}、指定期間 {start}〜{end}）",
        "en": "{kind} (designation number {number}, designated from {start} to {end})",
    },
    "program.no_offerings": {"ja": "開講日程は掲載されていません。", "en": "No dates are listed."},
    "program.in_other_language": {"ja": "（原文のみ）", "en": "(original language only)"},
    "program.status_note_expiring": {
        "ja": "承認の有効期限は{date}です（残り{days}日）。更新の決定がなければ、この日を過ぎると期限切れになります。",
        "en": "The approval ends on {date} ({days} days left). Unless the committee renews it, it expires then.",
    },
    "program.status_note_expired": {
        "ja": "承認の有効期限（{date}）を過ぎています。更新されるまで、承認済みのプログラムとして扱われません。",
        "en": "The approval expired on {date}. Until it is renewed, the program is not an approved program.",
    },
    "program.status_note_suspended": {
        "ja": "このプログラムの承認は、{date}の委員会の決定により一時停止されています。",
        "en": "The approval of this program is suspended by the committee's decision of {date}.",
    },
    "program.status_note_withdrawn": {
        "ja": "このプログラムの承認は、{date}の委員会の決定により取り下げられました。記録として掲載しています。",
        "en": "The committee withdrew the approval of this program on {date}; the page is kept as a record.",
    },
    "program.status_note_proposed": {
        "ja": "審査中です。委員会の決定はまだありません。このプレビューにだけ表示され、公開サイトには掲載されません。",
        "en": "Under review: the committee has not decided yet. Only this preview shows it; the public site does not.",
    },
    "program.status_reason": {"ja": "理由", "en": "Reason"},
    "program.formerly": {"ja": "旧ID", "en": "Formerly"},
    "program.tombstone_note": {
        "ja": "このプログラムの登録データは削除されています。以下は委員会の決定に記録された内容です。",
        "en": "This program's entry has been deleted; what follows is what the committee's decision recorded.",
    },
    "program.moved_title": {"ja": "このプログラムは移行しました", "en": "This program has moved"},
    "program.moved": {
        "ja": "このプログラムは、{date}の委員会の決定により新しいIDに移行しました。新しいページ：",
        "en": "By the committee's decision of {date}, this program moved to a new id. Its page is now:",
    },
    "program.moved_id": {"ja": "旧ID：{old}　新ID：{new}", "en": "Old id: {old}. New id: {new}."},
    # the approval record (mccat.model.lifecycle, mccat.model.record)
    "record.status": {"ja": "状況", "en": "Status"},
    "record.first_approved": {"ja": "初回承認日", "en": "First approved"},
    "record.valid_until": {"ja": "有効期限", "en": "Valid until"},
    "record.decision": {"ja": "直近の決定", "en": "Latest decision"},
    "record.conditions": {"ja": "承認の条件", "en": "Conditions of approval"},
    "record.decision_value": {"ja": "{id}（{kind}、{date}）", "en": "{id} ({kind}, {date})"},
    "history.title": {"ja": "承認と変更の記録", "en": "Record of decisions and changes"},
    "history.intro": {
        "ja": "委員会の決定と、初回承認後の登録内容の変更（新しい順）。",
        "en": "The committee's decisions, and the changes to the entry since its first approval, newest first.",
    },
    "history.decision": {"ja": "決定", "en": "Decision"},
    "history.valid_until": {"ja": "有効期限：{date}", "en": "Valid until {date}"},
    "history.expired": {"ja": "{date}までの承認が終了", "en": "The approval that ran to {date} ended"},
    "history.renamed": {"ja": "移行先：", "en": "Moved to:"},
    "history.as": {"ja": "当時のID：{id}", "en": "Then {id}"},
    "history.conditions": {"ja": "条件", "en": "Conditions"},
    "history.reason": {"ja": "理由", "en": "Reason"},
    "history.fields": {"ja": "変更された項目", "en": "Changed"},
    "history.fields_unknown": {"ja": "（項目を特定できませんでした）", "en": "(the fields could not be read)"},
    "history.pull_request": {"ja": "プルリクエスト", "en": "Pull request"},
    "history.none": {
        "ja": "このサイトの作成時に変更履歴を参照できなかったため、委員会の決定のみを掲載しています。",
        "en": "No version history was available when this site was built: only the committee's decisions are shown.",
    },
    # the decisions register: its index and one page per month
    "decisions.title": {"ja": "委員会の決定", "en": "Committee decisions"},
    "decisions.description": {
        "ja": "マイクロクレデンシャル・レジストリ委員会のすべての決定（承認、更新、一時停止、取り下げなど）。"
        "最近の決定と、月ごとの一覧。",
        "en": "Every decision of the micro-credential Registry Committee (approvals, renewals, suspensions, "
        "withdrawals and more): the latest, and a page for each month.",
    },
    "decisions.intro": {
        "ja": "委員会のすべての決定（{count}件）。決定は月ごとのページに、新しい順に掲載しています。",
        "en": "Every decision of the committee ({count}), on a page for each month, newest first.",
    },
    "decisions.recent": {"ja": "最近の決定", "en": "Latest decisions"},
    "decisions.months": {"ja": "月ごとの決定", "en": "Decisions by month"},
    "decisions.count": {"ja": "{count}件", "en": "{count} decisions"},
    "decisions.count_one": {"ja": "1件", "en": "1 decision"},
    "decisions.month_title": {"ja": "{month}の決定", "en": "Decisions, {month}"},
    "decisions.month_description": {
        "ja": "マイクロクレデンシャル・レジストリ委員会の{month}の決定（{count}）。",
        "en": "Decisions of the micro-credential Registry Committee in {month} ({count}).",
    },
    "decisions.month_intro": {
        "ja": "{month}の委員会の決定は{count}です。新しい順に掲載しています。",
        "en": "{count} of the committee in {month}, newest first.",
    },
    "decisions.other_months": {"ja": "ほかの月", "en": "Other months"},
    "decisions.previous": {"ja": "前の月", "en": "Previous month"},
    "decisions.next": {"ja": "次の月", "en": "Next month"},
    "decisions.all_months": {"ja": "すべての月", "en": "All months"},
    "decisions.programs": {"ja": "対象プログラム", "en": "Programs"},
    "decisions.reviewers": {"ja": "審査担当", "en": "Reviewers"},
    "decisions.evidence": {"ja": "根拠資料", "en": "Evidence"},
    "decisions.reference": {"ja": "文書番号 {reference}", "en": "Reference {reference}"},
    "decisions.renamed_to": {"ja": "移行先", "en": "Moved to"},
    "decisions.none": {"ja": "決定はまだありません。", "en": "No decisions yet."},
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
        "ja": "発行される証明ごとに記載",
        "en": "On each credential issued",
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
    # descriptor reference
    "reference.program": {"ja": "プログラムの記述項目", "en": "Program descriptors"},
    "reference.provider": {"ja": "提供機関の記述項目", "en": "Provider descriptors"},
    "reference.required": {"ja": "必須", "en": "Required"},
    "reference.optional": {"ja": "任意", "en": "Optional"},
    "reference.example": {"ja": "記入例", "en": "Example"},
    "reference.values": {"ja": "使用できる値", "en": "Allowed values"},
    # search (mccat.site.search, overrides/mc/search.html, overrides/partials/search.html, assets/javascripts/search.js)
    "search.title": {"ja": "プログラムを検索", "en": "Search programs"},
    "search.description": {
        "ja": "マイクロクレデンシャル・プログラムをキーワード・分野・提供機関・実施形態・時間数などで検索します。",
        "en": "Search micro-credential programs by keyword, field of study, provider, delivery mode, hours and more.",
    },
    "search.label": {"ja": "検索キーワード", "en": "Search terms"},
    "search.placeholder": {"ja": "キーワードで検索", "en": "Search"},
    "search.submit": {"ja": "検索", "en": "Search"},
    "search.filters": {"ja": "絞り込み", "en": "Filters"},
    "search.clear": {"ja": "条件をすべて解除", "en": "Clear all"},
    "search.sort": {"ja": "並び順", "en": "Sort by"},
    "search.sort.relevance": {"ja": "関連度順", "en": "Relevance"},
    "search.sort.start": {"ja": "開講日が近い順", "en": "Next start first"},
    "search.sort.fee_asc": {"ja": "受講料が安い順", "en": "Lowest fee first"},
    "search.sort.hours_asc": {"ja": "時間数が少ない順", "en": "Fewest hours first"},
    "search.sort.hours_desc": {"ja": "時間数が多い順", "en": "Most hours first"},
    "search.sort.newest": {"ja": "承認日が新しい順", "en": "Newest approval first"},
    "search.hours_under": {"ja": "{high}時間未満", "en": "Under {high} hours"},
    "search.hours_between": {"ja": "{low}時間以上{high}時間未満", "en": "{low} to under {high} hours"},
    "search.hours_over": {"ja": "{low}時間以上", "en": "{low} hours or more"},
    "search.fee_paid": {"ja": "有料", "en": "Paid"},
    "search.open_group": {"ja": "募集", "en": "Applications"},
    "search.open_now": {"ja": "現在募集中", "en": "Open for application now"},
    "search.open_hint": {
        "ja": "今日の日付で、申込締切（記載がなければ開講日）を過ぎていない日程があるプログラム。",
        "en": "Programs with a date whose application deadline (or start, if none is stated) has not passed today.",
    },
    "search.show_all": {"ja": "すべて表示（{count}）", "en": "Show all ({count})"},
    "search.show_fewer": {"ja": "一部だけ表示", "en": "Show fewer"},
    "search.next_start": {"ja": "次回開講：{date}", "en": "Next start: {date}"},
    "search.open_until": {"ja": "{date}まで募集", "en": "Apply by {date}"},
    "search.count": {"ja": "{count}件", "en": "{count} results"},
    "search.count_one": {"ja": "1件", "en": "1 result"},
    "search.none": {
        "ja": "該当するものはありません。キーワードを変えるか、条件を減らしてください。",
        "en": "Nothing matches. Try other words or fewer filters.",
    },
    "search.loading": {"ja": "検索しています…", "en": "Searching…"},
    "search.more": {"ja": "さらに表示", "en": "Show more"},
    "search.all_results": {"ja": "すべての結果と絞り込み", "en": "All results and filters"},
    "search.kind.provider": {"ja": "提供機関のページ", "en": "Provider page"},
    "search.kind.page": {"ja": "レジストリについて", "en": "About the registry"},
    "search.failed": {
        "ja": "検索を読み込めませんでした。ページを再読み込みするか、一覧から探してください。",
        "en": "The search could not be loaded. Reload the page, or browse the lists instead.",
    },
    "search.noscript": {
        "ja": "検索にはJavaScriptが必要です。JavaScriptを有効にするか、次の一覧からプログラムを探してください。",
        "en": "Search needs JavaScript. Turn it on, or find programs in these lists instead:",
    },
    # comparison (mccat.site.compare, overrides/mc/compare*.html, assets/javascripts/compare.js)
    "compare.title": {"ja": "プログラムを比較", "en": "Compare programs"},
    "compare.description": {
        "ja": "マイクロクレデンシャル・プログラムを2〜4件並べて、すべての記述項目を比較します。"
        "分野別の比較表もあります。",
        "en": "Compare two to four micro-credential programs side by side on every descriptor, "
        "or use the comparison tables by field of study.",
    },
    "compare.intro": {
        "ja": "プログラムのページ、一覧、検索結果の「比較」ボタンで選んだプログラムを、"
        "2〜4件並べてすべての記述項目を比較します。"
        "選んだプログラムはこのブラウザに保存され、このページのURLで共有できます。",
        "en": "Programs you choose with the “Compare” button on program pages, lists and search results are shown "
        "here side by side, two to four at a time, with every descriptor. Your choice is kept in this browser, "
        "and the address of this page shares it.",
    },
    "compare.tool": {"ja": "並べて比較", "en": "Side by side"},
    "compare.noscript": {
        "ja": "並べて比較するにはJavaScriptが必要です。下の分野別の比較表はJavaScriptなしで使えます。",
        "en": "Comparing side by side needs JavaScript. The comparison tables by field below work without it.",
    },
    "compare.by_field": {"ja": "分野別の比較表", "en": "Comparison tables by field"},
    "compare.by_field_intro": {
        "ja": "ISCED-F 2013 の分野ごとに、その分野のすべてのプログラムを1つの表で比較します。",
        "en": "One table per ISCED-F 2013 field of study, with every program of the field.",
    },
    "compare.field_title": {"ja": "比較表：{field}", "en": "Comparison: {field}"},
    "compare.field_description": {
        "ja": "{field}のマイクロクレデンシャル・プログラムを、時間数・実施形態・受講料・評価・単位等で比較する表。",
        "en": "The micro-credential programs in {field} compared by hours, delivery, fee, assessment, credit and more.",
    },
    "compare.field_intro": {
        "ja": "この分野の{count}を、選ぶときに役立つ記述項目で比較します。",
        "en": "The {count} in this field, compared on the descriptors that matter when choosing.",
    },
    "compare.program": {"ja": "プログラム", "en": "Program"},
    "compare.descriptor": {"ja": "記述項目", "en": "Descriptor"},
    "compare.button": {"ja": "比較", "en": "Compare"},
    "compare.tray": {"ja": "選んだプログラムを比較", "en": "Compare selected"},
    "compare.clear": {"ja": "選択をすべて解除", "en": "Clear selection"},
    "compare.full": {
        "ja": "比較できるのは{max}件までです。ほかのプログラムを外してから追加してください。",
        "en": "You can compare up to {max} programs. Remove one before adding another.",
    },
    "compare.unknown": {
        "ja": "「{id}」というプログラムはレジストリにありません。URLを確認してください。",
        "en": "There is no program “{id}” in the registry. Check the address.",
    },
    "compare.failed": {
        "ja": "「{id}」のデータを読み込めませんでした。",
        "en": "The data of “{id}” could not be loaded.",
    },
    "compare.too_few": {
        "ja": "比較するには、プログラムを2件以上選んでください。",
        "en": "Choose at least two programs to compare them.",
    },
    "compare.empty": {
        "ja": "まだプログラムが選ばれていません。プログラムのページ、一覧、検索結果、"
        "または下の分野別の比較表の「比較」ボタンで選んでください。",
        "en": "No programs are chosen yet. Choose them with the “Compare” button on program pages, lists, "
        "search results or the comparison tables by field below.",
    },
    "compare.too_many": {
        "ja": "一度に並べられるのは{max}件までです。最初の{max}件を表示しています。",
        "en": "Up to {max} programs fit side by side; the first {max} are shown.",
    },
    "compare.hide_equal": {"ja": "違いのある行だけを表示", "en": "Show differences only"},
    "compare.key_facts": {"ja": "主な項目", "en": "Key facts"},
    "compare.long_texts": {"ja": "説明文", "en": "Descriptions"},
    "compare.expand": {"ja": "説明文をすべて表示", "en": "Show the full texts"},
    "compare.collapse": {"ja": "説明文を短く表示", "en": "Shorten the texts"},
    "compare.next_start": {"ja": "次回の開講日", "en": "Next start"},
    "compare.next_deadline": {"ja": "次回の申込締切", "en": "Next application deadline"},
    "compare.none_to_come": {"ja": "予定なし", "en": "None announced"},
    "compare.pair": {"ja": "表示するプログラム", "en": "Programs shown"},
    "compare.pair_left": {"ja": "左の列", "en": "Left column"},
    "compare.pair_right": {"ja": "右の列", "en": "Right column"},
    "compare.print": {"ja": "印刷", "en": "Print"},
    "compare.differs": {"ja": "違いあり", "en": "differs"},
    "compare.remove": {"ja": "外す", "en": "Remove"},
    "compare.share": {"ja": "この比較へのリンク", "en": "Link to this comparison"},
    "compare.loading": {"ja": "読み込み中…", "en": "Loading…"},
    "compare.deadline": {"ja": "（{label}：{date}）", "en": " ({label}: {date})"},
    "certification.intro": {
        "ja": "提供機関は、このマークを自機関のサイトに表示できます。"
        "マークはこのページにリンクし、認定の状態に合わせて毎日更新されます。",
        "en": "Providers may show this mark on their own site. It links to this page and follows the approval's "
        "status: it is rebuilt every day.",
    },
    "certification.snippet": {
        "ja": "マークを表示する HTML（コピーして使えます）",
        "en": "HTML that shows the mark (copy it)",
    },
    "certification.certificates": {
        "ja": "レジストリ委員会が署名した認定証明書（Open Badges 3.0）：",
        "en": "Approval certificates signed by the committee (Open Badges 3.0):",
    },
    "certification.certificate": {"ja": "決定 {decision}（{date}）", "en": "Decision {decision} ({date})"},
    "certification.none": {
        "ja": "このサイトは署名用の鍵なしでビルドされたため、認定証明書はありません。",
        "en": "This site was built without the registry's signing key, so it has no approval certificates.",
    },
    "certification.verify": {"ja": "このプログラムのバッジを確認する", "en": "Check a badge of this program"},
    # the "check a badge" page (overrides/mc/verify.html, assets/javascripts/verify.js)
    "verify.title": {"ja": "バッジを確認", "en": "Check a badge"},
    "verify.description": {
        "ja": "オープンバッジ（Open Badges 3.0）が、このレジストリに登録されたプログラムのものかを確かめます。",
        "en": "Check whether an Open Badges 3.0 badge comes from a program in this registry.",
    },
    "verify.intro": {
        "ja": "学習者のバッジ（JSON または JWT）か、バッジが示す Achievement の URL を貼り付けてください。"
        "確認はこのブラウザの中だけで行い、貼り付けた内容はどこにも送信しません。",
        "en": "Paste a learner's badge (JSON or JWT) or the URL of the Achievement it names. "
        "The check runs in this browser only: what you paste is sent nowhere.",
    },
    "verify.label": {"ja": "バッジ、または Achievement の URL", "en": "The badge, or the Achievement's URL"},
    "verify.submit": {"ja": "確認する", "en": "Check"},
    "verify.noscript": {
        "ja": "このページの確認には JavaScript が必要です。認定証明書はコマンド mccat verify でも確認できます。",
        "en": "This check needs JavaScript. On the command line, mccat verify checks approval certificates.",
    },
    "verify.checks": {"ja": "このページが確かめること", "en": "What this page checks"},
    "verify.checks_text": {
        "ja": "バッジが示す Achievement がこのレジストリのプログラムか、その認定の現在の状態と有効期限。"
        "バッジが名乗る発行者が、そのプログラムの提供機関のサイトか（違えば注意を表示します）。",
        "en": "Whether the Achievement the badge names is a program in this registry, "
        "and the current status and validity of its approval; whether the issuer the badge names is that "
        "program's provider's site (a caution when it is not).",
    },
    "verify.not_checked": {"ja": "確かめないこと", "en": "What it does not check"},
    "verify.not_checked_text": {
        "ja": "学習者のバッジの署名と、その発行者が本物かどうか（バッジを発行した機関の責任です）。"
        "署名は標準のオープンバッジ検証ツールで、"
        "レジストリ委員会の認定証明書はコマンド mccat verify で確かめられます。",
        "en": "The signature of the learner's badge and whether its issuer is genuine (the issuing provider's "
        "responsibility). Check signatures with a standard Open Badges verifier, and the committee's "
        "approval certificates with the command mccat verify.",
    },
    "verify.active": {
        "ja": "登録済み：このバッジが示すプログラムは、レジストリ委員会が認定しています。",
        "en": "Registered: the program this badge names is approved by the committee.",
    },
    "verify.expired": {
        "ja": "登録済みですが、認定の有効期限が過ぎています。",
        "en": "Registered, but the program's approval has expired.",
    },
    "verify.suspended": {
        "ja": "登録済みですが、認定は一時停止中です。",
        "en": "Registered, but the program's approval is suspended.",
    },
    "verify.withdrawn": {
        "ja": "このプログラムの認定は取り消されています。",
        "en": "The approval of this program has been withdrawn.",
    },
    "verify.expiring": {
        "ja": "登録済み：このバッジが示すプログラムは、レジストリ委員会が認定しています"
        "（認定はまもなく期限を迎えます）。",
        "en": "Registered: the program this badge names is approved by the committee (the approval ends soon).",
    },
    "verify.issuer": {"ja": "バッジの発行者", "en": "Issuer named in the badge"},
    "verify.provider_site": {"ja": "提供機関のサイト", "en": "Provider's site"},
    "verify.issuer_mismatch": {
        "ja": "注意：バッジの発行者 {issuer} は、このプログラムの提供機関のサイト（{host}）ではありません。"
        "レジストリが確かめるのはプログラムの認定だけです。この発行者が本物かどうかは、提供機関に確かめてください。",
        "en": "Caution: the badge's issuer, {issuer}, is not this program's provider's site ({host}). The registry "
        "vouches for the program's approval only: ask the provider whether this issuer is genuine.",
    },
    "verify.renamed": {
        "ja": "このプログラムは ID を {id} に変えて続いています。以下は {id} の状態です。",
        "en": "This program carries on under the id {id}; what follows is about {id}.",
    },
    "verify.other": {
        "ja": "登録されていますが、認定されていません。",
        "en": "Listed, but not approved.",
    },
    "verify.unknown": {
        "ja": "このレジストリのプログラムではありません：{id} は登録されていません。",
        "en": "Not a program in this registry: {id} is not listed.",
    },
    "verify.foreign": {
        "ja": "このレジストリのプログラムではありません："
        "Achievement がこのレジストリではないサイト（{host}）にあります。",
        "en": "Not a program in this registry: the Achievement is on another site ({host}).",
    },
    "verify.not_ours": {
        "ja": "このレジストリのプログラムではありません：{url} はプログラムの Achievement の URL ではありません。",
        "en": "Not a program in this registry: {url} is not the URL of a program's Achievement.",
    },
    "verify.malformed": {
        "ja": "読み取れません：JSON、JWT、URL のいずれでもありません。"
        "バッジのファイルの中身をそのまま貼り付けてください。",
        "en": "Cannot read this: it is neither JSON, a JWT nor a URL. Paste the badge file's content as it is.",
    },
    "verify.no_achievement": {
        "ja": "オープンバッジではありません：credentialSubject.achievement（Achievement の id）が見つかりません。",
        "en": "Not an Open Badge: it has no credentialSubject.achievement (the Achievement's id).",
    },
    "verify.empty": {"ja": "確認するバッジか URL を入力してください。", "en": "Enter a badge or a URL to check."},
    "verify.failed": {
        "ja": "レジストリのデータを読み込めませんでした。時間をおいて、もう一度お試しください。",
        "en": "The registry's data could not be loaded. Try again later.",
    },
    "verify.program": {"ja": "プログラム", "en": "Program"},
    "verify.status": {"ja": "認定の状態", "en": "Approval status"},
    "verify.valid_until": {"ja": "有効期限", "en": "Valid until"},
    "verify.page": {"ja": "プログラムのページ", "en": "The program's page"},
    "verify.certificates": {"ja": "認定証明書", "en": "Approval certificates"},
    # the Registry Committee's settings on hand-written pages (mccat.site.markdown, governance/registry.yaml)
    "settings.tba": {"ja": "未定（決まり次第このページでお知らせします）", "en": "to be announced"},
    "settings.working_days": {"ja": "{n}営業日以内", "en": "within {n} working days"},
    "settings.days_after_decision": {"ja": "決定から{n}日以内", "en": "within {n} days of the decision"},
}


def interface_text(key: str, lang: str, **values: object) -> str:
    """A piece of the site's own interface text, with {placeholders} filled in."""
    try:
        text = INTERFACE_TEXT[key][lang]
    except KeyError:
        raise KeyError(
            f"no interface text '{key}' in '{lang}': add it to INTERFACE_TEXT in mccat/site/texts.py"
        ) from None
    return text.format(**values) if values else text
