"""Language data shipped with the package: chrome patterns, codebook, dictionaries.

Chinese strings live here and in ``schema.py``; code refers to them by name.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

# Web-page chrome that scrapers keep around a report's body. Each is removed line-wise or
# span-wise; none can match inside a report sentence (they need the site-furniture words).
CHROME = (
    r"(?m)^[^\n]{0,60}(?:日期|发布时间|发布日期)\s*[:：][^\n]{0,80}(?:浏览量|浏览次数|访问量|点击数|来源)[^\n]{0,120}$\n?",
    r"(?m)^[^\n]{0,80}字号\s*[:：]?\s*[\[【]?\s*大\s*[\]】]?\s*[\[【]?\s*中\s*[\]】]?\s*[\[【]?\s*小[^\n]{0,80}$\n?",
    r"文字大小\s*[:：]?\s*大\s*中\s*小",
    r"扫一扫在手机(?:上)?打开当前页",
    # Footer lines: short lines only, so a one-line report body is never swallowed.
    r"(?m)^[^\n]{0,160}(?:主办单位|承办单位|版权所有|ICP备|公网安备|网站标识码|网站地图|技术支持\s*[:：])[^\n]{0,160}$\n?",
    r"(?m)^[^\n]{0,120}(?:网站监督举报|网站举报邮箱|联系我们\s*\|)[^\n]{0,120}$\n?",
    r"(?m)^地址\s*[:：][^\n]{0,80}邮编[^\n]{0,80}(?:Email|E-mail|电子邮箱|电话)[^\n]{0,80}$\n?",
    r"(?m)^\s*(?:【\s*打印\s*】|【\s*关闭\s*】|\[\s*打印\s*\]|\[\s*关闭\s*\]|打印本页|关闭窗口|返回顶部|分享到\s*[:：]?)[^\n]{0,80}$\n?",
)


@lru_cache(maxsize=1)
def chrome_patterns() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(p) for p in CHROME)


def resource_text(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")
