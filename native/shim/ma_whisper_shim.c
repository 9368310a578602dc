// A flat, stable C surface over whisper.cpp for the .NET binding.
//
// whisper_full_params and whisper_context_params are large structs passed by value whose layout changes
// between whisper.cpp releases. Filling them here, where the compiler sees the real header, means the
// managed side only mirrors ma_options below, which we own and version with MA_SHIM_ABI.
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "whisper.h"

#define MA_SHIM_ABI 2

typedef struct ma_options {
    int32_t struct_size;
    int32_t n_threads;
    int32_t beam_size;        // <= 1 means greedy
    int32_t best_of;
    int32_t max_tokens;       // per segment, 0 = no limit
    int32_t no_context;
    int32_t suppress_blank;
    int32_t suppress_nst;
    int32_t token_timestamps;
    float temperature;
    float temperature_inc;
    float no_speech_thold;
    float logprob_thold;
    float entropy_thold;
    int32_t audio_ctx;        // encoder positions to use, 0 = the full 30 s window (1500)
    int32_t no_timestamps;    // decode text only: one segment per window
    const char * language;
    const char * initial_prompt;
} ma_options;

typedef void (*ma_segment_callback)(void * user_data, int32_t n_new);
typedef void (*ma_log_callback)(int32_t level, const char * text);

static ma_log_callback g_log_forward = NULL;
static _Thread_local char t_last_error[1024];

static void ma_log(enum ggml_log_level level, const char * text, void * user_data) {
    (void) user_data;
    // The loader explains failures only through the log; keep the latest error per thread so the
    // managed exception can carry it.
    if (level == GGML_LOG_LEVEL_ERROR && text != NULL) {
        size_t len = strlen(t_last_error);
        if (len + 2 >= sizeof(t_last_error)) {
            len = 0;
        }
        snprintf(t_last_error + len, sizeof(t_last_error) - len, "%s", text);
    }
    if (g_log_forward != NULL && text != NULL) {
        g_log_forward((int32_t) level, text);
    }
}

int32_t ma_shim_abi(void) { return MA_SHIM_ABI; }

int32_t ma_options_size(void) { return (int32_t) sizeof(ma_options); }

void ma_set_log(ma_log_callback forward) {
    g_log_forward = forward;
    whisper_log_set(ma_log, NULL);
}

const char * ma_last_error(void) { return t_last_error; }

void ma_clear_error(void) { t_last_error[0] = '\0'; }

struct whisper_context * ma_init_model(const char * path, int32_t use_gpu, int32_t flash_attn) {
    struct whisper_context_params cparams = whisper_context_default_params();
    cparams.use_gpu = use_gpu != 0;
    cparams.flash_attn = flash_attn != 0;
    return whisper_init_from_file_with_params_no_state(path, cparams);
}

typedef struct ma_run {
    volatile int32_t * cancel;
    ma_segment_callback on_segment;
    void * user_data;
} ma_run;

static bool ma_abort(void * user_data) {
    const ma_run * run = (const ma_run *) user_data;
    return run->cancel != NULL && *run->cancel != 0;
}

static bool ma_encoder_begin(struct whisper_context * ctx, struct whisper_state * state, void * user_data) {
    (void) ctx;
    (void) state;
    return !ma_abort(user_data);
}

static void ma_new_segment(struct whisper_context * ctx, struct whisper_state * state, int n_new, void * user_data) {
    (void) ctx;
    (void) state;
    const ma_run * run = (const ma_run *) user_data;
    if (run->on_segment != NULL) {
        run->on_segment(run->user_data, (int32_t) n_new);
    }
}

// Returns whisper_full_with_state's result, -100 for an options struct of the wrong size, or -101 when
// the cancel flag stopped the run.
int32_t ma_full(struct whisper_context * ctx, struct whisper_state * state, const ma_options * options,
                const float * samples, int32_t n_samples, volatile int32_t * cancel,
                ma_segment_callback on_segment, void * user_data) {
    if (options == NULL || options->struct_size != (int32_t) sizeof(ma_options)) {
        return -100;
    }
    const int beam = options->beam_size > 1;
    struct whisper_full_params p =
        whisper_full_default_params(beam ? WHISPER_SAMPLING_BEAM_SEARCH : WHISPER_SAMPLING_GREEDY);
    p.n_threads = options->n_threads;
    if (beam) {
        p.beam_search.beam_size = options->beam_size;
    }
    if (options->best_of > 0) {
        p.greedy.best_of = options->best_of;
    }
    p.max_tokens = options->max_tokens;
    p.no_context = options->no_context != 0;
    p.suppress_blank = options->suppress_blank != 0;
    p.suppress_nst = options->suppress_nst != 0;
    p.token_timestamps = options->token_timestamps != 0;
    p.temperature = options->temperature;
    p.temperature_inc = options->temperature_inc;
    p.no_speech_thold = options->no_speech_thold;
    p.logprob_thold = options->logprob_thold;
    p.entropy_thold = options->entropy_thold;
    p.audio_ctx = options->audio_ctx;
    p.no_timestamps = options->no_timestamps != 0;
    p.language = options->language;
    p.detect_language = false;
    p.initial_prompt = options->initial_prompt;
    p.print_progress = false;
    p.print_realtime = false;
    p.print_special = false;
    p.print_timestamps = false;

    ma_run run = { cancel, on_segment, user_data };
    p.abort_callback = ma_abort;
    p.abort_callback_user_data = &run;
    p.encoder_begin_callback = ma_encoder_begin;
    p.encoder_begin_callback_user_data = &run;
    p.new_segment_callback = ma_new_segment;
    p.new_segment_callback_user_data = &run;

    int32_t rc = whisper_full_with_state(ctx, state, p, samples, n_samples);
    if (cancel != NULL && *cancel != 0) {
        return -101;
    }
    return rc;
}
