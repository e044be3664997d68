// GNU readline for the mfsh REPL. readline's state lives in C globals; Swift 6 strict
// concurrency refuses direct access to mutable globals, so they are reached through the small
// accessors below (static inline functions are imported by Swift as ordinary functions).
#ifndef MFSH_CREADLINE_SHIM_H
#define MFSH_CREADLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <readline/readline.h>
#include <readline/history.h>

static inline void mf_rl_set_attempted_completion(rl_completion_func_t *f) { rl_attempted_completion_function = f; }
static inline void mf_rl_set_completion_entry(rl_compentry_func_t *f) { rl_completion_entry_function = f; }
static inline void mf_rl_set_attempted_completion_over(int v) { rl_attempted_completion_over = v; }
static inline void mf_rl_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline void mf_rl_set_basic_word_break_characters(const char *s) { rl_basic_word_break_characters = (char *)s; }
static inline void mf_rl_set_completer_quote_characters(const char *s) { rl_completer_quote_characters = (char *)s; }
static inline void mf_rl_set_filename_completion_desired(int v) { rl_filename_completion_desired = v; }
static inline void mf_rl_set_readline_name(const char *s) { rl_readline_name = s; }
static inline void mf_rl_set_catch_signals(int v) { rl_catch_signals = v; }
static inline char *mf_rl_line_buffer(void) { return rl_line_buffer; }
static inline int mf_rl_point(void) { return rl_point; }
static inline int mf_rl_end(void) { return rl_end; }
static inline void mf_rl_set_done(int v) { rl_done = v; }
static inline int mf_history_length(void) { return history_length; }
static inline char **mf_rl_completion_matches(const char *text, rl_compentry_func_t *f) { return rl_completion_matches(text, f); }
static inline char *mf_rl_filename_completion(const char *text, int state) { return rl_filename_completion_function(text, state); }
static inline void mf_rl_set_completer_word_break_characters(const char *s) { rl_completer_word_break_characters = s; }
static inline void mf_rl_set_completion_suppress_append(int v) { rl_completion_suppress_append = v; }
static inline void mf_rl_set_completion_suppress_quote(int v) { rl_completion_suppress_quote = v; }
static inline void mf_rl_set_basic_quote_characters(const char *s) { rl_basic_quote_characters = s; }
static inline void mf_rl_set_sort_completion_matches(int v) { rl_sort_completion_matches = v; }
static inline void mf_rl_set_catch_sigwinch(int v) { rl_catch_sigwinch = v; }
static inline void mf_rl_set_instream(FILE *f) { rl_instream = f; }
static inline void mf_rl_set_outstream(FILE *f) { rl_outstream = f; }
static inline FILE *mf_stdin(void) { return stdin; }
static inline FILE *mf_stdout(void) { return stdout; }
static inline FILE *mf_stderr(void) { return stderr; }
#endif
