"""Chinese cue patterns for cutting section 五 into items (codebook §3).

All patterns run on the matching view (NFKC + simplified characters, see ``view.py``),
so full-width/half-width punctuation and traditional characters need no variants here.
"""

from __future__ import annotations

import re

ZH_NUM = "一二三四五六七八九十"
ZH_VALUES = {ch: i for i, ch in enumerate(ZH_NUM, start=1)}

# Heading words: a phrase ending in one of these can be a (sub)heading.
HEAD_KEY = r"(?:问题|不足|困难|措施|打算|计划|安排|方向|情况|整改|办法)"
HEAD_PROBLEM = re.compile(r"问题|不足|困难")
HEAD_MEASURE = re.compile(r"改进|整改|下一?步|下步|今后|解决|打算|计划|方向|安排|下阶段")
HEAD_ACHIEVEMENT = re.compile(r"措施|做法|成效|情况")
# An item that happens to end in a heading word starts with an action verb.
HEAD_NOT = re.compile(r"^(?:加强|完善|健全|建立|落实|制定|提高|做好|推进|深化|强化|规范|认真|切实|严格)")

# The section title at the very start: "五、存在的主要问题及改进情况" (may run into the body).
TITLE = re.compile(
    rf"^\s*[{ZH_NUM}]+[、.]\s*[^\s,。;:]{{0,24}}{HEAD_KEY}"
    rf"(?:(?:及|和|以及|与|、)[^\s,。;:]{{0,12}}{HEAD_KEY})?[。.:]?"
)
# Numbered subheadings anywhere: "(一)存在的主要问题", "三、整改措施", "(二)进一步整改:".
NUMBERED_HEAD = re.compile(
    rf"(?:(?<=^)|(?<=[\s。;:]))(?:[{ZH_NUM}]+[、.]|\([{ZH_NUM}]+\))\s*"
    rf"(?P<phrase>[^\s,。;:、()]{{0,20}}?{HEAD_KEY}(?:(?:及|和|以及|与)[^\s,。;:()]{{0,12}}?{HEAD_KEY})?)"
    r"(?:[:。.]|(?=\s|$|\d|[一二三四五六七八九十]是|\())"
)
# Unnumbered labels followed by a colon: "存在问题:", "改进措施:".
LABEL_HEAD = re.compile(
    rf"(?:(?<=^)|(?<=[\s。;]))(?P<phrase>[^\s,。;:]{{0,12}}?{HEAD_KEY}(?:(?:及|和|以及|与)[^\s,。;:]{{0,10}}?{HEAD_KEY})?):"
)

# Where the measure part starts inside running text (checked at a sentence start).
MEASURE_MARKERS = re.compile(
    "|".join(
        (
            r"下步打算",
            r"下一?步",
            r"(?:在)?今后",
            r"对此(?=[,\s我将])",
            r"为此(?=[,\s我将])",
            r"(?:在)?接下来",
            r"在以后",
            r"下一年度?",
            r"下一?阶段",
            r"(?:针对|对于?)?(?:以上|上述)(?:问题|不足|情况)",
            r"针对(?:工作中|存在)的?(?:问题|不足)",
            r"结合工作中存在的?问题",
            r"为(?:进一步|更好地?|切实)[^。;]{0,20}?,[^。;]{0,12}?将",
            r"(?:在\s*)?20\d\d\s*年度?[^。;\n]{0,20}?将(?!已)",
            r"(?:我们|我[局镇乡街区县市委署办]{1,2})[^。;:]{0,12}?将(?:进一步|继续|从|按照|着力|重点|不断|加强|深入|切实|在)",
        )
    )
)
# Markers that may also follow a comma ("…还有差距,下一步,我们将…").
COMMA_MARKERS = re.compile(r"下一?步|下步打算")

# Enumerators: (family, pattern); group "n" holds the number.
ENUMERATORS = (
    ("shi", re.compile(rf"(?:(?<=^)|(?<=[\s,;:。!?)]))(?P<n>[{ZH_NUM}]{{1,2}})是")),
    ("paren", re.compile(rf"\((?P<n>[{ZH_NUM}]{{1,2}})\)(?:是)?")),
    ("dun", re.compile(rf"(?:(?<=^)|(?<=[\s:;。]))(?P<n>[{ZH_NUM}]{{1,2}})[、.](?!\d)")),
    ("arabic", re.compile(r"(?:(?<=^)|(?<=[\s:;。]))(?P<n>\d{1,2})[.、](?!\d)")),
    # A bare number opening a line: "2由于乡镇人员…".
    ("arabic", re.compile(r"(?m)(?<=^)[ \t]*(?P<n>\d{1,2})(?=[\u4e00-\u9fff])(?![年月日号个件项条次人名万元余多])")),
    ("arabic_paren", re.compile(r"\((?P<n>\d{1,2})\)")),
    ("order", re.compile(r"(?:(?<=^)|(?<=[\s,;:。]))(?P<n>首先|其次|再次|最后)[,]?")),
    ("aspect", re.compile(r"(?P<n>(?<!另)一方面|另一方面)[,]?")),
    ("ordinal", re.compile(rf"(?:(?<=^)|(?<=[\s;:。]))第(?P<n>[{ZH_NUM}]{{1,2}})[,、是]")),
)
ORDER_VALUES = {"首先": 1, "其次": 2, "再次": 3, "最后": 0, "一方面": 1, "另一方面": 2}  # 0 = any next

# Pure transition headers: "将从以下几个方面改进:", "…切实加以改进。".
HEADER_SENTENCE = re.compile(
    r"[:]\s*$|以下|如下|从[一二三四五六七八九十两几]+个?方面|将[^。]{0,30}(?:加以|进行|积极)?改进[。.!]?\s*$"
)
# Generic statements of having problems, which name none.
GENERIC_STRICT = re.compile(
    r"(?:存在|有|面临)着?(?:一定的?|一些|以下|如下|诸多|部分|不少)?的?(?:主要)?"
    r"(?:问题|不足|困难|差距|薄弱环节|短板)(?:和|与|及)?(?:问题|不足|困难)?(?:之处)?"
)
GENERIC_LOOSE = re.compile(
    r"(?:存在|有|面临)着?(?:一些|以下|如下|诸多|部分|不少)?的?(?:主要)?"
    r"(?:问题|不足|困难|薄弱环节|短板)(?:和|与|及)?(?:问题|不足|困难)?(?:之处)?"
)
GENERIC_ENDING = re.compile(GENERIC_LOOSE.pattern + r"[。.!]?\s*$")
# Words that name a shortfall.
PROBLEM_CUES = re.compile(
    r"不够|不足|不强|不到位|不高|不及时|不全面|不完整|不规范|不统一|不多|不深|不明确|不准确|不充分|不稳定"
    r"|不大|不主动|不便|不连续|不新|不快|不全|有待|较少|偏少|偏低|较低|较慢|滞后|欠缺|薄弱|单一|缺乏|缺少|需要"
    r"|仍需|还需|尚需|需进一步|亟待|亟需|还应|还要|差距|较窄|比较窄|落后|未能|尚未|未及时|未进行|未经|没有|没上传"
    r"|短板|困难|问题|难以|漏洞|不能"
)
# Lead-ins before the first problem in running text.
LEADIN_MAIN = re.compile(r"(?s)^.*?,(?:主要是|主要有|主要表现[在为]|主要体现[在为]|表现[在为]|体现在)")
LEADIN_RU = re.compile(r"(?s)^.*?(?:问题|不足|差距|短板|之处)[,]?(?=如)")
LEADIN_BUT = re.compile(r"(?s)^(?P<pre>.*?),但(?:是)?(?:同时)?(?:也|还|仍然?)?,?")
ACHIEVEMENT = re.compile(r"取得|成效|成绩|进展|顺利|较好|积极|了")
LEADIN_GAP = re.compile(r"(?s)^.*?存在着?(?:一定的?|一些)?差距,(?=\S)")
