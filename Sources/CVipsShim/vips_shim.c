// libvips loaded at run time with dlopen: the seminar builds and runs without it, and makes smaller renditions of
// uploaded images when Debian's libvips42 is installed. The prototypes are declared here (no -dev headers needed),
// variadic as libvips declares them, so the calls follow the C calling convention exactly.
#include <dlfcn.h>
#include <pthread.h>
#include <stddef.h>
#include "vips_shim.h"

typedef int (*init_fn)(const char *argv0);
typedef int (*thumbnail_fn)(void *buffer, size_t length, void **out, int width, ...);
typedef int (*write_fn)(void *image, const char *suffix, void **buffer, size_t *size, ...);
typedef void (*unref_fn)(void *object);
typedef void (*free_fn)(void *pointer);

static pthread_once_t once = PTHREAD_ONCE_INIT;
static int ready = 0;
static thumbnail_fn thumbnail = NULL;
static write_fn write_buffer = NULL;
static unref_fn unref = NULL;
static free_fn release = NULL;

static void load(void) {
    void *library = dlopen("libvips.so.42", RTLD_NOW | RTLD_LOCAL);
    if (!library) return;
    init_fn init = (init_fn)dlsym(library, "vips_init");
    thumbnail = (thumbnail_fn)dlsym(library, "vips_thumbnail_buffer");
    write_buffer = (write_fn)dlsym(library, "vips_image_write_to_buffer");
    unref = (unref_fn)dlsym(library, "g_object_unref");
    release = (free_fn)dlsym(library, "g_free");
    if (!init || !thumbnail || !write_buffer || !unref || !release) return;
    if (init("seminar") != 0) return;
    ready = 1;
}

int seminar_vips_available(void) {
    pthread_once(&once, load);
    return ready;
}

int seminar_vips_thumbnail(const void *input, size_t length, int width, const char *suffix, void **output, size_t *outputLength) {
    if (!seminar_vips_available()) return -1;
    void *image = NULL;
    // "size", VIPS_SIZE_DOWN (2): only ever shrink.
    if (thumbnail((void *)input, length, &image, width, "size", 2, NULL) != 0 || image == NULL) return -2;
    void *buffer = NULL;
    size_t size = 0;
    int result = write_buffer(image, suffix, &buffer, &size, NULL);
    unref(image);
    if (result != 0 || buffer == NULL) return -3;
    *output = buffer;
    *outputLength = size;
    return 0;
}

void seminar_vips_free(void *pointer) {
    if (release && pointer) release(pointer);
}
