"""The regulated edit categories: stable ids, the biometric each needs, labels in English and 简体中文.

The ids are a public interface (records, tokens, the verifier); the order is the order the form
shows them. Each is a separate opt-in: none is ever pre-selected.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from consent_app.errors import InputError
from consent_app.messages import define
from consent_app.verify.vocab import OPERATIONS

MESSAGES = define({
    "category.bad_language": "unsupported language {language!r}; choose one of {choices}",
    "category.unknown": "unknown edit category {unknown}; known: {known}",
    "category.unknown_several": "unknown edit categories {unknown}; known: {known}",
})

LANGUAGES = ("en", "zh-CN")


@dataclass(frozen=True)
class Category:
    id: str
    modality: str  # "face" or "voice": the biometric the edit uses and the check it needs
    label: dict[str, str]
    description: dict[str, str]

    def text(self, language: str) -> tuple[str, str]:
        """(label, plain-language description) in ``language``."""
        language = check_language(language)
        return self.label[language], self.description[language]


CATEGORIES: tuple[Category, ...] = (
    Category(
        "face_generation", "face",
        {"en": "Generate new images or video of my face",
         "zh-CN": "生成我的人脸新图像或视频"},
        {"en": "The studio may create pictures or video that show my face in scenes I was never filmed in.",
         "zh-CN": "工作室可以制作显示我的脸的图片或视频，即使我从未在这些场景中被拍摄。"},
    ),
    Category(
        "face_swap", "face",
        {"en": "Put my face on another person's body (face swap)",
         "zh-CN": "将我的脸替换到他人身上（人脸替换）"},
        {"en": "The studio may replace another person's face with mine, or mine with someone else's.",
         "zh-CN": "工作室可以用我的脸替换他人的脸，或用他人的脸替换我的脸。"},
    ),
    Category(
        "face_attribute_edit", "face",
        {"en": "Change how my face looks (age, hair, make-up, expression)",
         "zh-CN": "修改我的面部特征（年龄、发型、妆容、表情）"},
        {"en": "The studio may change features of my face, for example make me look older or younger.",
         "zh-CN": "工作室可以修改我的面部特征，例如让我看起来更年长或更年轻。"},
    ),
    Category(
        "face_manipulation", "face",
        {"en": "Change what my face does (lip-sync, gaze, expressions)",
         "zh-CN": "操控我的面部动作（口型同步、视线、表情）"},
        {"en": "The studio may make my face say or show things I did not say or show, such as matching "
               "my lips to new words.",
         "zh-CN": "工作室可以让我的脸做出我没有做过的动作或表情，例如让口型与新的台词同步。"},
    ),
    Category(
        "pose_manipulation", "face",
        {"en": "Change my body pose or movement",
         "zh-CN": "操控我的身体姿态或动作"},
        {"en": "The studio may make my body appear to stand, move or gesture in ways I did not.",
         "zh-CN": "工作室可以让我的身体呈现我没有做过的姿态、动作或手势。"},
    ),
    Category(
        "tts_voice_clone", "voice",
        {"en": "Clone my voice to speak new text",
         "zh-CN": "克隆我的声音朗读新的文字"},
        {"en": "The studio may make a computer voice that sounds like me and say words I never said.",
         "zh-CN": "工作室可以制作听起来像我的合成声音，说出我从未说过的话。"},
    ),
    Category(
        "voice_conversion", "voice",
        {"en": "Turn another person's speech into my voice (voice conversion)",
         "zh-CN": "将他人的语音转换成我的声音（声音转换）"},
        {"en": "The studio may change a recording of someone else so that it sounds like my voice.",
         "zh-CN": "工作室可以修改他人的录音，使其听起来像我的声音。"},
    ),
    Category(
        "voice_attribute_edit", "voice",
        {"en": "Change how my voice sounds (pitch, age, accent, emotion)",
         "zh-CN": "修改我的声音特征（音调、年龄、口音、情绪）"},
        {"en": "The studio may change features of my recorded voice, for example its pitch or accent.",
         "zh-CN": "工作室可以修改我录音中的声音特征，例如音调或口音。"},
    ),
)

BY_ID: dict[str, Category] = {c.id: c for c in CATEGORIES}
IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES)
FACE_IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES if c.modality == "face")
VOICE_IDS: tuple[str, ...] = tuple(c.id for c in CATEGORIES if c.modality == "voice")

if IDS != OPERATIONS:  # pragma: no cover - guards the public interface
    raise RuntimeError("consent categories and token operations have drifted apart")


def check_language(language: str) -> str:
    if language not in LANGUAGES:
        raise InputError(code="category.bad_language", language=language, choices=", ".join(LANGUAGES))
    return language


def normalise(ids: Iterable[str]) -> tuple[str, ...]:
    """Check category ids and return them once each, in the form's order."""
    chosen = list(ids)
    unknown = [c for c in chosen if c not in BY_ID]
    if unknown:
        raise InputError(code="category.unknown" if len(unknown) == 1 else "category.unknown_several",
                         unknown=", ".join(map(repr, unknown)), known=", ".join(IDS))
    return tuple(c for c in IDS if c in chosen)


def modalities(ids: Iterable[str]) -> set[str]:
    return {BY_ID[c].modality for c in ids}
