using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.SignalR;

namespace MeetingAssist.Host.Queue;

/// <summary>
/// The properties of a snapshot that changed since the previous push of the same view, keyed by their JSON names:
/// <paramref name="Changed"/> with their whole new value, <paramref name="Patched"/> (an object before and after, such
/// as the floor) with only its fields that changed. A screen showing revision <paramref name="BaseRevision"/> applies
/// it and shows <paramref name="Revision"/>; a screen showing anything else takes a whole snapshot by joining again.
/// </summary>
public sealed record SnapshotChanges(
    int MeetingId, int Version, int Revision, int BaseRevision, long ServerNowMs,
    IReadOnlyDictionary<string, JsonNode?> Changed, IReadOnlyDictionary<string, Dictionary<string, JsonNode?>> Patched);

/// <summary>
/// Pushes one meeting's published snapshots, in the order they were published, to every screen. A chair's
/// extension changes one number of a snapshot that lists the whole queue (about 6 KB), and a thousand screens at
/// ten commands a second made that 60 MB/s of JSON (docs/RELIABILITY.md, Load): screens that ask for it receive only
/// the properties that changed. Whole snapshots still go to clients that did not ask.
/// </summary>
public sealed class SnapshotPush(int meetingId, JsonSerializerOptions json)
{
    // Sent with every change anyway, so never listed among the changed properties.
    private static readonly HashSet<string> Envelope = ["version", "revision", "serverNowMs"];

    private readonly SemaphoreSlim _order = new(1, 1);
    private Sent? _last;

    private sealed record Sent(int Revision, JsonObject Staff, JsonObject Public);

    public static string StaffChangesGroup(int meetingId) => $"meeting-{meetingId}-staff-changes";

    public static string PublicChangesGroup(int meetingId) => $"meeting-{meetingId}-public-changes";

    /// <summary>
    /// Queues both views for every screen. Two commands publish under the meeting's lock but push after leaving it,
    /// so their pushes may come here in either order: an older revision than the last one sent is dropped (every
    /// screen already has newer), which keeps each change's base the revision screens really have.
    /// </summary>
    public async Task SendAsync(IHubClients<IMeetingClient> clients, MeetingSnapshot staff, MeetingSnapshot open)
    {
        // Queuing never waits on a client (each connection has its own bounded queue), so this order lock is brief.
        await _order.WaitAsync();
        try
        {
            if (_last is { } previous && staff.Revision <= previous.Revision) return;
            var staffProperties = Properties(staff);
            var publicProperties = Properties(open);
            var sends = new List<Task>
            {
                clients.Group(LiveMeetingService.StaffGroup(meetingId)).Snapshot(staff),
                clients.Group(LiveMeetingService.PublicGroup(meetingId)).Snapshot(open),
            };
            if (_last is { } before)
            {
                sends.Add(clients.Group(StaffChangesGroup(meetingId)).Changes(Changes(staff, before.Revision, before.Staff, staffProperties)));
                sends.Add(clients.Group(PublicChangesGroup(meetingId)).Changes(Changes(open, before.Revision, before.Public, publicProperties)));
            }
            else
            {
                // Nothing was pushed since the server started: there is no base to change from.
                sends.Add(clients.Group(StaffChangesGroup(meetingId)).Snapshot(staff));
                sends.Add(clients.Group(PublicChangesGroup(meetingId)).Snapshot(open));
            }
            _last = new Sent(staff.Revision, staffProperties, publicProperties);
            await Task.WhenAll(sends);
        }
        finally
        {
            _order.Release();
        }
    }

    /// <summary>The snapshot as the JSON the screens receive (same options as the hub's protocol).</summary>
    private JsonObject Properties(MeetingSnapshot snapshot) => JsonSerializer.SerializeToNode(snapshot, json)!.AsObject();

    private static SnapshotChanges Changes(MeetingSnapshot next, int baseRevision, JsonObject before, JsonObject after)
    {
        var changed = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        var patched = new Dictionary<string, Dictionary<string, JsonNode?>>(StringComparer.Ordinal);
        foreach (var (name, value) in after)
        {
            if (Envelope.Contains(name)) continue;
            var old = before[name];
            if (JsonNode.DeepEquals(old, value)) continue;
            // An extension changes one field of the floor: an object before and after is sent as its changed fields.
            if (old is JsonObject oldObject && value is JsonObject newObject) patched[name] = Difference(oldObject, newObject);
            else changed[name] = value?.DeepClone();
        }
        // A property the serializer left out this time (a null it omits) is gone: say so as null.
        foreach (var (name, _) in before)
            if (!Envelope.Contains(name) && !after.ContainsKey(name)) changed[name] = null;
        return new SnapshotChanges(next.MeetingId, next.Version, next.Revision, baseRevision, next.ServerNowMs, changed, patched);
    }

    private static Dictionary<string, JsonNode?> Difference(JsonObject before, JsonObject after)
    {
        var fields = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (name, value) in after)
            if (!before.TryGetPropertyValue(name, out var old) || !JsonNode.DeepEquals(old, value)) fields[name] = value?.DeepClone();
        foreach (var (name, _) in before)
            if (!after.ContainsKey(name)) fields[name] = null;
        return fields;
    }
}
