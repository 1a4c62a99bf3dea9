"""An article for `jjjkg propose`: read and checked (UTF-8 text, Chinese, not markup, not too long),
split into paragraphs and sentences with their offsets, and given a simplified-character twin of the
same length for matching (OpenCC t2s), so that every quote is cut from the text as printed."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..problems import ConfigError
from ..safe_io import BadText, FileRefused, TooLarge, decode_utf8, read_capped, shown

MAX_ARTICLE_KB = 100  # the longest article propose reads: the five sources are 7–14 KB
MIN_CHINESE_SHARE = 0.3  # of the letters (CJK ideographs and Latin letters): below it, not a Chinese article
_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
_MARKUP = re.compile(r"<\s*(?:!doctype|html|head|body|p|div|span|br|script|style|table|a\s)[^>]*>", re.IGNORECASE)
_SENTENCE_END = "。！？!?；;"
_SPACE = " \t\u3000\u00a0"
_NOTICE = re.compile(r"版[权權]|网站[声聲]明|免[责責][声聲]明|[责責]任[编編][辑輯]|[转轉][载載]")
_CAPTION_LONGEST = 40  # a line ending in a colon, without a comma, up to this long: who speaks next


def is_credit(text: str) -> bool:
    """A caption naming who speaks (衡水中科衡发动力装备有限公司总经理 梁世强:) or a notice line."""
    caption = text.endswith((":", "：")) and len(text) <= _CAPTION_LONGEST and not re.search("[,，]", text)
    return caption or bool(_NOTICE.search(text))


@dataclass(frozen=True)
class Sentence:
    start: int  # offsets in the article's text; text[start:end] is the sentence as printed
    end: int
    paragraph: int  # from 0
    credit: bool = False  # a speaker's caption (天津海河传媒中心记者 李书祺:) or a notice (版权, 网站声明): names, no facts


@dataclass(frozen=True)
class Article:
    name: str  # the file's path as given, for messages
    text: str  # as printed (universal newlines)
    plain: str  # the same text in simplified characters, character for character
    sentences: tuple[Sentence, ...]
    traditional: bool  # the article is printed in traditional characters

    def quote(self, sentence: Sentence) -> str:
        return self.text[sentence.start:sentence.end]

    def sentence_at(self, offset: int) -> Sentence:
        """The sentence holding the character at offset (a name's start)."""
        return next(s for s in self.sentences if s.start <= offset < s.end)


@lru_cache(maxsize=1)
def _converter() -> object:
    import opencc  # the C++ OpenCC, its dictionaries inside the wheel

    return opencc.OpenCC("t2s")


def simplified(text: str) -> str:
    """text in simplified characters, one character for each of text's (so offsets carry over):
    a line whose phrase conversion changes its length is converted character by character."""
    if not _CJK.search(text):
        return text
    convert = _converter().convert  # type: ignore[attr-defined]
    whole = convert(text)
    if len(whole) == len(text):
        return str(whole)
    lines = []
    for line in text.split("\n"):
        done = convert(line)
        if len(done) != len(line):
            done = "".join(ch if len(out := convert(ch)) != 1 else out for ch in line)
        lines.append(done)
    return "\n".join(lines)


def split_sentences(text: str) -> tuple[Sentence, ...]:
    """Sentences end at 。！？；(full or half width) and at line ends; each is trimmed of spaces
    and of its closing mark, and one of no Chinese character (a date line, a credit) is kept too."""
    found: list[Sentence] = []
    paragraph, start = 0, 0
    for index, char in enumerate(text + "\n"):
        if char in _SENTENCE_END or char == "\n":
            first, last = start, index
            while first < last and text[first] in _SPACE:
                first += 1
            while last > first and text[last - 1] in _SPACE:
                last -= 1
            if last > first:
                found.append(Sentence(first, last, paragraph, is_credit(text[first:last])))
            start = index + 1
            if char == "\n" and text[:index].strip() and found and found[-1].paragraph == paragraph:
                paragraph += 1
    return tuple(found)


def article_of_text(text: str, name: str) -> Article:
    """An Article from text already read; ConfigError (one line, naming `name`) when it is not a
    Chinese article propose can read."""
    if not text.strip():
        raise ConfigError(f"{name}: the article is empty")
    if "\x00" in text:
        raise ConfigError(f"{name}: the file holds NUL bytes: it is binary, not an article's text")
    if _MARKUP.search(text):
        line = text.count("\n", 0, _MARKUP.search(text).start()) + 1  # type: ignore[union-attr]
        raise ConfigError(f"{name}:{line}: the file is HTML or XML markup, not an article's text: "
                          "save the article as plain text (the page's text only)")
    chinese, latin = len(_CJK.findall(text)), len(_LATIN.findall(text))
    if chinese < 10 or chinese < MIN_CHINESE_SHARE * (chinese + latin):
        raise ConfigError(f"{name}: not a Chinese article ({chinese} Chinese and {latin} Latin letters): "
                          "propose reads articles in Chinese")
    plain = simplified(text)
    changed = sum(1 for a, b in zip(text, plain) if a != b)
    return Article(name, text, plain, split_sentences(text), traditional=changed > max(3, chinese // 100))


def read_article(path: Path) -> Article:
    """Read the article at path; ConfigError (one line, naming the file) when it cannot be used."""
    name = shown(path)
    try:
        data = read_capped(path, MAX_ARTICLE_KB * 1024)
    except TooLarge as exc:
        raise ConfigError(f"{name}: cannot read the article: it is larger than {MAX_ARTICLE_KB} KB, the most "
                          "propose reads (a news article is some 10 KB)") from exc
    except FileRefused as exc:
        raise ConfigError(f"{name}: cannot read the article: {exc}") from exc
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if b"\x00" in data:  # before decoding: a binary file is said to be binary, not "not UTF-8" at its first odd byte
        raise ConfigError(f"{name}: the file holds NUL bytes: it is binary, not an article's text")
    try:
        text = decode_utf8(data)
    except BadText as exc:
        raise ConfigError(f"{name}:{exc.line}:{exc.column}: {exc}") from exc
    return article_of_text(text, name)
