"""Which files can stand in for a camera or a microphone (demo folders, file-backed devices)."""

from __future__ import annotations

VIDEO_SUFFIXES = (".mp4", ".avi", ".mov", ".mkv", ".webm")
IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
AUDIO_SUFFIXES = (".wav", ".flac")
