using System.Net.Http.Json;
using System.Text.Json;
using MeetingAssist.Host.LiveTranscript;
using MeetingAssist.Host.Tests.Integration;
using Microsoft.Extensions.DependencyInjection;

namespace MeetingAssist.Host.Tests.Transcripts;

/// <summary>
/// A real server with the demo meeting run for two turns, and live passages stored the way the live recogniser
/// stores them (<see cref="LiveSegmentStore"/>), so the editor's API is tried on the real path.
/// </summary>
public sealed class EditorMeeting : IAsyncDisposable
{
    public required MeetingHostFactory Host { get; init; }
    public required StaffClient Secretary { get; init; }
    public required int MeetingId { get; init; }
    public required int FirstTurn { get; init; }
    public required int SecondTurn { get; init; }
    public required long FirstTurnStartMs { get; init; }
    /// <summary>The second turn is still open, so it covers everything after its start.</summary>
    public required long SecondTurnStartMs { get; init; }

    /// <param name="firstTurnLasts">How long the first turn holds the floor, for audio that must fall inside it.</param>
    public static async Task<EditorMeeting> StartAsync(IDictionary<string, string?>? settings = null, TimeSpan firstTurnLasts = default)
    {
        var host = MeetingHostFactory.Start(settings: settings);
        var chair = await host.ClientAsync("chair");
        var meetingId = (await chair.Http.GetFromJsonAsync<JsonElement>("/api/meetings/current")).GetProperty("id").GetInt32();
        var w = await chair.WatchAsync(meetingId);
        await w.Invoke("StartMeeting");
        var first = (await w.WaitForVersionAsync(await w.Invoke("GiveFloor", (int?)null))).Floor!;
        if (firstTurnLasts > TimeSpan.Zero) await Task.Delay(firstTurnLasts);
        await w.Invoke("EndTurn");
        var second = (await w.WaitForVersionAsync(await w.Invoke("GiveFloor", (int?)null))).Floor!;
        await chair.DisposeAsync();
        return new EditorMeeting
        {
            Host = host,
            Secretary = await host.ClientAsync("secretary"),
            MeetingId = meetingId,
            FirstTurn = first.TurnId,
            SecondTurn = second.TurnId,
            FirstTurnStartMs = first.StartedAtMs,
            SecondTurnStartMs = second.StartedAtMs,
        };
    }

    public LiveSegmentStore Store => Host.Services.GetRequiredService<LiveSegmentStore>();

    /// <summary>A final live segment, stored as the recogniser stores it; returns the segment's id.</summary>
    public async Task<long> AddLiveAsync(int turnId, long startMs, long endMs, string text)
    {
        var row = new LiveSegmentRow { MeetingId = MeetingId, TurnId = turnId, SpeakerName = "", StartMs = startMs, EndMs = endMs, Text = text, Confidence = 0.6f };
        await Store.AddAsync(row, CancellationToken.None);
        return row.Id;
    }

    public string Api(string path) => $"/api/meetings/{MeetingId}/editor{path}";

    public async Task<JsonElement> ViewAsync(StaffClient? client = null) =>
        await (client ?? Secretary).Http.GetFromJsonAsync<JsonElement>(Api("/view"));

    public async Task<JsonElement> PassageAsync(long id, StaffClient? client = null) =>
        (await ViewAsync(client)).GetProperty("passages").EnumerateArray().Single(p => p.GetProperty("id").GetInt64() == id);

    public async Task<List<JsonElement>> PassagesAsync() => (await ViewAsync()).GetProperty("passages").EnumerateArray().ToList();

    public async ValueTask DisposeAsync()
    {
        await Secretary.DisposeAsync();
        await Host.DisposeAsync();
    }
}
