#ifndef SEMINAR_VIPS_SHIM_H
#define SEMINAR_VIPS_SHIM_H

#include <stddef.h>

/// 1 when libvips (Debian's libvips42) could be loaded at run time, else 0. Nothing is needed to build.
int seminar_vips_available(void);

/// A copy of the image in `input` at most `width` pixels wide (never enlarged), encoded by the writer that
/// `suffix` names (".webp[Q=75]"). 0 on success, with `*output` to be freed by `seminar_vips_free`.
int seminar_vips_thumbnail(const void *input, size_t length, int width, const char *suffix, void **output, size_t *outputLength);

void seminar_vips_free(void *pointer);

#endif
