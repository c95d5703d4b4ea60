/* Runs the fuzz harness (fuzz_pascalrow.c) over saved inputs, without
 * libFuzzer: the seed corpus as a regression test in every build (meson test
 * "fuzz corpus", also under the sanitizers and valgrind), or a crash file
 * that `make fuzz` saved:  build/c/tests/c/fuzz/fuzz_replay build/fuzz/crash-...
 * Arguments are files or directories of files; a failed check aborts. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static long replayed;

static int replay_file(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL) { perror(path); return -1; }
    uint8_t buf[1 << 16];
    size_t size = fread(buf, 1, sizeof buf, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) { perror(path); return -1; }
    LLVMFuzzerTestOneInput(buf, size);
    replayed++;
    return 0;
}

static int replay(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) { perror(path); return -1; }
    if (!S_ISDIR(st.st_mode)) return replay_file(path);
    DIR *d = opendir(path);
    if (d == NULL) { perror(path); return -1; }
    int rc = 0;
    for (struct dirent *e; (e = readdir(d)) != NULL && rc == 0;) {
        if (e->d_name[0] == '.') continue;
        char file[4096];
        snprintf(file, sizeof file, "%s/%s", path, e->d_name);
        rc = replay(file);
    }
    closedir(d);
    return rc;
}

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++)
        if (replay(argv[i]) != 0) return 1;
    printf("%ld inputs replayed\n", replayed);
    return replayed == 0;     /* an empty corpus would test nothing */
}
