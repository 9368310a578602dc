using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Transcribe.Live;
using Microsoft.Extensions.Time.Testing;

namespace MeetingAssist.Host.Tests.LiveTranscript;

/// <summary>The queue of final jobs and each meeting's counters, on a clock the test moves.</summary>
public sealed class SpeechJobQueueTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly LiveCounters _counters;
    private readonly SpeechJobQueue _queue;

    public SpeechJobQueueTests()
    {
        _counters = new LiveCounters(_clock);
        _queue = new SpeechJobQueue(_counters, _clock);
    }

    private static SpeechJob Piece(int turn, long startMs, double seconds) =>
        new(turn, startMs, startMs + (long)(seconds * 1000), new float[(int)(seconds * 16_000)], 1.0);

    [Fact]
    public async Task TwoMeetings_KeepTheirOwnJobsAudioAndLag()
    {
        await _queue.EnqueueAsync(1, [Piece(10, 0, 1), Piece(11, 5_000, 2)]);
        _clock.Advance(TimeSpan.FromSeconds(3));
        await _queue.EnqueueAsync(2, [Piece(20, 0, 0.5)]);
        _clock.Advance(TimeSpan.FromSeconds(2));

        var (first, second) = (_counters.For(1), _counters.For(2));
        Assert.Equal((2, 3 * 16_000L, 5.0), (first.QueuedJobs, first.QueuedSamples, first.Lag.TotalSeconds));
        Assert.Equal((1, 8_000L, 2.0), (second.QueuedJobs, second.QueuedSamples, second.Lag.TotalSeconds));

        // Meeting 1's first job is taken: it is still behind, by as long as it has had jobs waiting.
        Assert.True(_queue.TryTake(out var taken));
        Assert.Equal(1, taken.MeetingId);
        Assert.Equal((1, 2 * 16_000L, 5.0), (first.QueuedJobs, first.QueuedSamples, first.Lag.TotalSeconds));
        Assert.Equal((1, 8_000L, 2.0), (second.QueuedJobs, second.QueuedSamples, second.Lag.TotalSeconds));

        // Its last job is taken: meeting 1 has caught up, while meeting 2 is still waiting.
        Assert.True(_queue.TryTake(out _));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal((0, 0L, 0.0), (first.QueuedJobs, first.QueuedSamples, first.Lag.TotalSeconds));
        Assert.Equal((1, 8_000L, 3.0), (second.QueuedJobs, second.QueuedSamples, second.Lag.TotalSeconds));

        // The job says when it was queued, on the same clock: the worker logs how long it waited.
        Assert.True(_queue.TryTake(out var last));
        Assert.Equal(TimeSpan.FromSeconds(3), _clock.GetUtcNow() - last.QueuedAt);
    }

    [Fact]
    public async Task JoinedPieces_AreCountedForTheirOwnMeeting()
    {
        await _queue.EnqueueAsync(1, [Piece(10, 0, 1), Piece(10, 1_200, 1), Piece(10, 2_400, 1)]);
        await _queue.EnqueueAsync(2, [Piece(20, 0, 1)]);

        Assert.True(_queue.TryTake(out var first));
        var joined = _queue.JoinWaitingPieces(first);

        Assert.Equal((0L, 3_400L), (joined.StartMs, joined.EndMs));
        Assert.Equal(2, _counters.For(1).PiecesJoined);
        Assert.Equal(0, _counters.For(2).PiecesJoined);
        Assert.Equal((0, 1), (_counters.For(1).QueuedJobs, _counters.For(2).QueuedJobs));
    }

    [Fact]
    public async Task Waiting_EndsWhenTheClockPassesTheWait_OrAtOnceWhenAJobArrives()
    {
        var waiting = _queue.TakeAsync(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        _clock.Advance(TimeSpan.FromMilliseconds(249));
        await Task.Delay(50);
        Assert.False(waiting.IsCompleted);
        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Null(await waiting.WaitAsync(TimeSpan.FromSeconds(10)));

        waiting = _queue.TakeAsync(TimeSpan.FromMinutes(1), CancellationToken.None);
        await _queue.EnqueueAsync(3, [Piece(30, 0, 1)]);
        var item = await waiting.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, item?.MeetingId);
        Assert.Equal(0, _counters.For(3).QueuedJobs);
    }

    [Fact]
    public async Task AFinalJob_StopsAPassThatGivesWay()
    {
        var started = new TaskCompletionSource();
        var pass = _queue.GiveWayAsync(async token =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, token);
        }, CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await _queue.EnqueueAsync(1, [Piece(10, 0, 1)]);

        Assert.False(await pass.WaitAsync(TimeSpan.FromSeconds(10)));
        // With a final job already waiting, the next optional pass does not even start.
        var ran = false;
        Assert.False(await _queue.GiveWayAsync(_ => { ran = true; return Task.CompletedTask; }, CancellationToken.None));
        Assert.False(ran);
    }
}
