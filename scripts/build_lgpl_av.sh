#!/usr/bin/env bash
# Build the LGPL FFmpeg that PyAV (`av`) is compiled against, so nothing GPL is linked (issue 14).
#
# PyAV's manylinux wheels bundle libx264/libx265 (GPL-2.0+); `[tool.uv] no-binary-package = ["av"]`
# makes uv build PyAV from its sdist instead, against this FFmpeg:
#   - FFmpeg 7.1.5 (Debian trixie's source tarball, SHA-256 pinned), configured without --enable-gpl,
#     --enable-version3 or --enable-nonfree: LGPL-2.1-or-later;
#   - H.264 encoding with Cisco's openh264 (BSD-2-Clause; Debian `libopenh264-dev`), AAC with
#     FFmpeg's own encoder, MP3 with LAME (LGPL-2.0-or-later; Debian `libmp3lame-dev`);
#   - only the decoders, demuxers, muxers, parsers, filters and bitstream filters the marking and
#     trace code use, as shared libraries with an rpath to their own folder.
#
# The build goes to $CONSENT_APP_DEPS_CACHE (default ~/.cache/consent_app/deps) under a name that is
# the hash of the FFmpeg version and the whole configuration, and `.deps/ffmpeg` (gitignored) links
# to it; a checkout whose link already names a finished build of the same key does nothing.
# CONSENT_APP_DEPS_CACHE=local keeps the build inside the checkout (.deps/).
#
#   scripts/build_lgpl_av.sh           # build if needed; prints the prefix
#   scripts/build_lgpl_av.sh --key     # print the build key only
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

FFMPEG_VERSION=7.1.5
FFMPEG_TARBALL=ffmpeg_${FFMPEG_VERSION}.orig.tar.xz
# From Debian's signed trixie Sources index (ffmpeg_7.1.5-0+deb13u1.dsc, Checksums-Sha256).
FFMPEG_SHA256=de668509caf9e35e3cd162473441fdb29538c6d96ed080292b3cf9e6fc5d558f
FFMPEG_URLS=(
    "http://deb.debian.org/debian/pool/main/f/ffmpeg/$FFMPEG_TARBALL"
    "http://security.debian.org/debian-security/pool/updates/main/f/ffmpeg/$FFMPEG_TARBALL"
)

log() { printf '\033[1m[ffmpeg]\033[0m %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# libavcodec_consentapp.so.61 and so on: PySide6's QtMultimedia ships its own FFmpeg 7.1 as
# libavcodec.so.61; with the same soname, whichever loaded first would serve both in one process.
SUFFIX=_consentapp
LIBS=(avutil avcodec avformat avdevice avfilter swscale swresample)

list() { local IFS=,; echo "$*"; }
DECODERS=(h264 hevc mpeg4 vp8 vp9 mjpeg png aac aac_latm mp3 mp3float flac opus vorbis alac
          pcm_s16le pcm_s24le pcm_s32le pcm_f32le pcm_u8)
ENCODERS=(libopenh264 aac libmp3lame)
DEMUXERS=(mov mp3 aac flac wav ogg matroska h264 hevc)
MUXERS=(mp4 mov mp3 ipod)
PARSERS=(h264 hevc aac aac_latm mpegaudio flac opus vorbis vp8 vp9 mjpeg png)
BSFS=(aac_adtstoasc h264_mp4toannexb hevc_mp4toannexb extract_extradata vp9_superframe null)
FILTERS=(buffer buffersink abuffer abuffersink aformat format aresample scale null anull)
PROTOCOLS=(file pipe)

configure_args() {
    local prefix=$1
    printf '%s\n' \
        --prefix="$prefix" --enable-shared --disable-static --enable-pic --enable-rpath \
        --build-suffix="$SUFFIX" \
        --disable-programs --disable-doc --disable-network --disable-autodetect --disable-everything \
        --disable-debug --enable-zlib --enable-libopenh264 --enable-libmp3lame \
        --enable-avdevice --enable-avfilter --enable-swscale --enable-swresample \
        --enable-decoder="$(list "${DECODERS[@]}")" --enable-encoder="$(list "${ENCODERS[@]}")" \
        --enable-demuxer="$(list "${DEMUXERS[@]}")" --enable-muxer="$(list "${MUXERS[@]}")" \
        --enable-parser="$(list "${PARSERS[@]}")" --enable-bsf="$(list "${BSFS[@]}")" \
        --enable-filter="$(list "${FILTERS[@]}")" --enable-protocol="$(list "${PROTOCOLS[@]}")"
}

for pc in openh264 zlib; do
    pkg-config --exists "$pc" || die "pkg-config finds no $pc: install scripts/debian-packages.txt (./dev setup does)"
done
[ -e /usr/include/lame/lame.h ] || die "no LAME headers: install libmp3lame-dev (./dev setup does)"
command -v nasm >/dev/null || die "no nasm: install it (./dev setup does)"

# Everything that changes the built libraries goes into the key (the prefix path is the key's folder).
key_input=$(printf '%s\n' "ffmpeg=$FFMPEG_VERSION sha256=$FFMPEG_SHA256" "arch=$(uname -m)" \
    "openh264=$(pkg-config --modversion openh264)" "cc=$(cc -dumpfullversion 2>/dev/null || cc -dumpversion)" \
    $(configure_args PREFIX))
key=ffmpeg-$FFMPEG_VERSION-lgpl-$(printf '%s' "$key_input" | sha256sum | cut -c1-16)
if [ "${1:-}" = --key ]; then echo "$key"; exit 0; fi

if [ -n "${CONSENT_APP_DEPS_CACHE:-}" ]; then cache=$CONSENT_APP_DEPS_CACHE
elif [ -n "${XDG_CACHE_HOME:-}" ]; then cache=$XDG_CACHE_HOME/consent_app/deps
elif [ -n "${HOME:-}" ]; then cache=$HOME/.cache/consent_app/deps
else cache=local; fi
[ "$cache" = local ] && cache=$root/.deps/cache
mkdir -p "$cache" "$root/.deps"
prefix=$cache/$key
link=$root/.deps/ffmpeg

if [ -f "$prefix/.complete" ] && [ "$(readlink "$link" 2>/dev/null)" = "$prefix" ] \
    && [ -f "$prefix/lib/pkgconfig/libavcodec.pc" ]; then
    echo "$prefix"; exit 0
fi

exec 9>"$cache/$key.lock"
flock 9  # another checkout may be building the same key
if [ ! -f "$prefix/.complete" ]; then
    start=$(date +%s)
    tarball=$cache/$FFMPEG_TARBALL
    if ! echo "$FFMPEG_SHA256  $tarball" | sha256sum -c --status 2>/dev/null; then
        rm -f "$tarball"
        for url in "${FFMPEG_URLS[@]}"; do
            log "downloading $url"
            curl -fsSL --retry 3 -o "$tarball.part" "$url" && break
            rm -f "$tarball.part"
        done
        [ -f "$tarball.part" ] || die "could not download $FFMPEG_TARBALL from Debian's mirrors"
        echo "$FFMPEG_SHA256  $tarball.part" | sha256sum -c --status \
            || die "$FFMPEG_TARBALL does not have the pinned SHA-256 $FFMPEG_SHA256"
        mv "$tarball.part" "$tarball"
    fi
    work=$(mktemp -d "$cache/build.XXXXXX")
    trap 'rm -rf "$work"' EXIT
    tar -xJf "$tarball" -C "$work"
    src=$work/ffmpeg-$FFMPEG_VERSION
    rm -rf "$prefix"
    log "configuring FFmpeg $FFMPEG_VERSION (LGPL, openh264) into $prefix"
    mapfile -t args < <(configure_args "$prefix")
    (cd "$src" && ./configure "${args[@]}" >"$work/configure.log" 2>&1) \
        || { tail -30 "$work/configure.log" >&2; die "FFmpeg configure failed"; }
    grep -q 'License: LGPL version 2.1 or later' "$work/configure.log" \
        || die "FFmpeg configure did not report LGPL-2.1-or-later"
    log "building FFmpeg ($(nproc) jobs)"
    (cd "$src" && make -j"$(nproc)" >"$work/make.log" 2>&1 && make install >>"$work/make.log" 2>&1) \
        || { tail -30 "$work/make.log" >&2; die "FFmpeg build failed"; }
    printf '%s\n' "$key_input" >"$prefix/.build-input"
    touch "$prefix/.complete"
    log "FFmpeg built in $(( $(date +%s) - start )) s"
fi
# PyAV asks pkg-config for libavcodec etc.: aliases of the suffixed .pc files (-lavcodec_consentapp),
# all without the -Wl,-rpath that --enable-rpath puts into Libs (PyAV's setup.py refuses flags it does
# not know; its own rpath comes from [tool.uv.extra-build-variables]).
for lib in "${LIBS[@]}"; do
    pc=$prefix/lib/pkgconfig/lib$lib$SUFFIX.pc
    sed -i 's/ -Wl,-rpath,[^ ]*//' "$pc"
    cp "$pc" "$prefix/lib/pkgconfig/lib$lib.pc.tmp"
    mv "$prefix/lib/pkgconfig/lib$lib.pc.tmp" "$prefix/lib/pkgconfig/lib$lib.pc"
done
ln -sfn "$prefix" "$link"
echo "$prefix"
