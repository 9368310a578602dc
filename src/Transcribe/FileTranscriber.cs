using System.Runtime.CompilerServices;
using MeetingAssist.Transcribe.Live;
using MeetingAssist.Transcribe.Vad;

namespace MeetingAssist.Transcribe;

/// <summary>A passage of a recording that passed the guard, with the guard's verdict (kept or flagged).</summary>
public sealed record FileSegment(TranscriptSegment Segment, GuardResult Verdict);

/// <summary>What a file transcription has done so far; reported after every recognised window.</summary>
public sealed record FileProgress(TimeSpan Decoded, int Kept, int Dropped, string? LastDropReason);

/// <summary>
/// Recognises a recording of any length through the same voice gate and hallucination guard as live speech:
/// ffmpeg decodes it as a stream, the voice detector cuts speech spans, pauses and non-speech never reach the
/// engine, consecutive spans are joined into windows of at most 28 s (pauses of up to 2 s kept as silence), and
/// each window is decoded as text only, one passage whose times are the voice detector's: no invented timestamp
/// can place text inside a silence. Every passage passes the guard. Only the span and the window in progress
/// are held in memory.
/// </summary>
public sealed class FileTranscriber(WhisperProcessor processor, IVoiceActivityModel vad, HallucinationGuard guard, VoiceActivityOptions? vadOptions = null)
{
    private const int Rate = WhisperProcessor.SampleRate;

    /// <summary>Called after each window with the running totals.</summary>
    public Action<FileProgress>? Progress { get; init; }

    /// <summary>Transcribes the file, skipping audio before <paramref name="resumeFrom"/> (already transcribed).</summary>
    public async IAsyncEnumerable<FileSegment> TranscribeAsync(string path, TimeSpan resumeFrom = default,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var skip = (long)(resumeFrom.TotalSeconds * Rate);
        var position = 0L; // samples decoded so far, from the start of the file
        var recent = new SampleHistory(skip);
        using var segmenter = new SpeechSegmenter(vad, vadOptions);
        var window = new List<SpeechJob>();
        var (kept, dropped) = (0, 0);
        string? lastDrop = null;

        await foreach (var chunk in AudioDecoder.StreamFileAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            var from = (int)Math.Clamp(skip - position, 0, chunk.Length);
            position += chunk.Length;
            if (from == chunk.Length) continue;
            var fresh = chunk.AsSpan(from);
            recent.Append(fresh);
            foreach (var span in segmenter.Push(fresh))
            {
                var piece = Piece(span, recent, skip);
                if (piece is null) continue;
                if (window.Count > 0 && !SpeechJobMerge.CanJoin(window[0], window[^1], piece))
                {
                    await foreach (var segment in RecogniseAsync(window, cancellationToken).ConfigureAwait(false)) yield return segment;
                    window.Clear();
                }

                window.Add(piece);
            }

            // Audio before the open span (less a little padding) can no longer be part of any speech.
            var keepFrom = segmenter.InSpeech(out var openStart) ? skip + openStart - Rate : position - Rate;
            recent.DropBefore(keepFrom);
        }

        foreach (var span in segmenter.Flush())
        {
            var piece = Piece(span, recent, skip);
            if (piece is null) continue;
            if (window.Count > 0 && !SpeechJobMerge.CanJoin(window[0], window[^1], piece))
            {
                await foreach (var segment in RecogniseAsync(window, cancellationToken).ConfigureAwait(false)) yield return segment;
                window.Clear();
            }

            window.Add(piece);
        }

        if (window.Count > 0)
        {
            await foreach (var segment in RecogniseAsync(window, cancellationToken).ConfigureAwait(false)) yield return segment;
        }

        Progress?.Invoke(new FileProgress(TimeSpan.FromSeconds(position / (double)Rate), kept, dropped, lastDrop));

        async IAsyncEnumerable<FileSegment> RecogniseAsync(List<SpeechJob> pieces, [EnumeratorCancellation] CancellationToken ct)
        {
            var job = SpeechJobMerge.Join(pieces);
            var start = TimeSpan.FromMilliseconds(job.StartMs);
            var duration = TimeSpan.FromSeconds(job.Samples.Length / (double)Rate);
            await foreach (var segment in processor.ProcessAsync(job.Samples, processor.Options with { TextOnly = true }, ct).ConfigureAwait(false))
            {
                var verdict = guard.Check(new SegmentEvidence(segment.Text, segment.Start, segment.End, duration,
                    segment.AverageTokenProbability, segment.NoSpeechProbability, job.VadSpeechRatio, processor.Options.InitialPrompt));
                if (verdict.Verdict == GuardVerdict.Drop)
                {
                    dropped++;
                    lastDrop = string.Join(" ", verdict.Reasons);
                    continue;
                }

                kept++;
                yield return new FileSegment(segment with { Start = start + segment.Start, End = start + segment.End, Text = verdict.Text }, verdict);
            }

            Progress?.Invoke(new FileProgress(TimeSpan.FromSeconds(position / (double)Rate), kept, dropped, lastDrop));
        }
    }

    // A span as a piece of speech on the file's clock (milliseconds from the start of the file).
    private static SpeechJob? Piece(SpeechSpan span, SampleHistory recent, long skip)
    {
        var from = Math.Max(skip + span.StartSample, recent.Start);
        var to = Math.Min(skip + span.EndSample, recent.End);
        if (to - from < Rate / 5) return null;
        return new SpeechJob(0, from * 1000 / Rate, to * 1000 / Rate, recent.Slice(from, to), span.SpeechRatio);
    }

    /// <summary>The recent decoded samples, addressed by their position in the file.</summary>
    private sealed class SampleHistory(long start)
    {
        private float[] _buffer = new float[Rate * 64];
        private int _count;

        public long Start { get; private set; } = start;

        public long End => Start + _count;

        public void Append(ReadOnlySpan<float> samples)
        {
            if (_count + samples.Length > _buffer.Length)
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, _count + samples.Length));
            samples.CopyTo(_buffer.AsSpan(_count));
            _count += samples.Length;
        }

        public float[] Slice(long from, long to) => _buffer.AsSpan((int)(from - Start), (int)(to - from)).ToArray();

        public void DropBefore(long position)
        {
            var drop = (int)Math.Clamp(position - Start, 0, _count);
            if (drop < Rate * 10) return; // move memory in large steps only
            Array.Copy(_buffer, drop, _buffer, 0, _count - drop);
            _count -= drop;
            Start += drop;
        }
    }
}
