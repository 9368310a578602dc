using System.Text.Json;
using System.Text.Json.Nodes;
using MeetingAssist.Host.Queue;
using Microsoft.AspNetCore.SignalR.Client;

namespace MeetingAssist.Host.Tests.Integration;

/// <summary>
/// Screens that ask for changes (<c>?changes=1</c>, as the pages do) receive only the properties that changed; applied
/// one after another to the snapshot they joined with, they must give exactly the whole snapshot a new screen gets.
/// </summary>
public class SnapshotChangesTests
{
    [Fact]
    public async Task ChangesAppliedInOrder_GiveTheWholeSnapshot_ForStaffAndPublic_EvenWithCommandsSentAtOnce()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chairClient = await host.ClientAsync("chair");
        await using var anonymous = await host.ClientAsync();
        var chair = await chairClient.WatchAsync(1);
        var staffScreen = await ChangesScreen.JoinAsync(host, chairClient.Cookies);
        var publicScreen = await ChangesScreen.JoinAsync(host, anonymous.Cookies);

        var responder = chair.Initial!.Responders![0].PersonId;
        await chair.Invoke("StartMeeting");
        await chair.Invoke("GiveFloor", (int?)null);
        await chair.Invoke("ExtendTime", 30);
        await chair.Invoke("PauseTimer");
        await chair.Invoke("ResumeTimer");
        await chair.Invoke("EndTurn");
        await chair.Invoke("CallResponder", responder, (int[]?)null);
        await chair.Invoke("EndTurn");
        await chair.Invoke("Register", new RegisterInput(null, "Đỗ Thị Ngọc Ánh", "Thôn Bắc", "Đèn đường ở ngõ 5", "Hạ tầng", null));
        await chair.Invoke("Undo");
        await chair.Invoke("GiveFloor", (int?)null);
        // Commands sent together from several tablets publish in one order and may reach the push in another (one
        // connection's calls run one at a time, so it takes several): the chain must hold.
        var tablets = new List<MeetingWatcher> { chair };
        for (var i = 0; i < 3; i++) tablets.Add(await chairClient.WatchAsync(1));
        var versions = await Task.WhenAll(tablets.SelectMany(t => Enumerable.Range(0, 15).Select(_ => t.Invoke("ExtendTime", 1))));
        var last = versions.Max();

        foreach (var screen in new[] { staffScreen, publicScreen })
        {
            var shown = await screen.WaitForVersionAsync(last);
            var fresh = await ChangesScreen.JoinAsync(host, screen == staffScreen ? chairClient.Cookies : anonymous.Cookies);
            Assert.True(JsonNode.DeepEquals(Comparable(fresh.Shown), Comparable(shown)),
                $"Rebuilt from changes:\n{Comparable(shown)}\nWhole snapshot:\n{Comparable(fresh.Shown)}");
            Assert.Equal(0, screen.WholeSnapshotsAfterJoin);
            await fresh.DisposeAsync();
        }
        Assert.True(staffScreen.Shown["isStaffView"]!.GetValue<bool>());
        Assert.False(publicScreen.Shown["isStaffView"]!.GetValue<bool>());
        await staffScreen.DisposeAsync();
        await publicScreen.DisposeAsync();
    }

    [Fact]
    public async Task AnExtension_SendsTheFloorsExtensionAlone_AFractionOfTheWholeSnapshot()
    {
        await using var host = MeetingHostFactory.Start();
        await using var chairClient = await host.ClientAsync("chair");
        await using var anonymous = await host.ClientAsync();
        var chair = await chairClient.WatchAsync(1);
        var screen = await ChangesScreen.JoinAsync(host, anonymous.Cookies);
        await chair.Invoke("StartMeeting");
        await chair.Invoke("GiveFloor", (int?)null);
        var before = screen.Changes.Count;

        var version = await chair.Invoke("ExtendTime", 60);
        await screen.WaitForVersionAsync(version);

        var change = screen.Changes.Skip(before).Single(c => c["version"]!.GetValue<int>() == version);
        Assert.Empty(change["changed"]!.AsObject());
        Assert.Equal(["floor"], change["patched"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["extendedMs"], change["patched"]!["floor"]!.AsObject().Select(p => p.Key));
        var changeBytes = change.ToJsonString().Length;
        var wholeBytes = screen.Shown.ToJsonString().Length;
        Assert.True(changeBytes * 4 < wholeBytes, $"A change of {changeBytes} bytes against a whole snapshot of {wholeBytes}.");
        // Clients that did not ask for changes still get whole snapshots.
        var whole = await chair.WaitForVersionAsync(version);
        Assert.Equal(version, whole.Version);
        await screen.DisposeAsync();
    }

    /// <summary>The snapshot without what differs between two reads of the same state: the server's clock, its publish count, and absent-or-null.</summary>
    private static JsonObject Comparable(JsonObject snapshot)
    {
        var copy = JsonNode.Parse(snapshot.ToJsonString())!.AsObject();
        copy.Remove("serverNowMs");
        copy.Remove("revision");
        foreach (var name in copy.Where(p => p.Value is null).Select(p => p.Key).ToList()) copy.Remove(name);
        return copy;
    }

    /// <summary>A screen as the pages run it: joins for a whole snapshot, then applies each change that follows it.</summary>
    private sealed class ChangesScreen : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private readonly Lock _gate = new();
        private readonly List<JsonObject> _changes = [];
        private JsonObject _shown = new();
        private string? _broken;

        private ChangesScreen(HubConnection connection) => _connection = connection;

        public int WholeSnapshotsAfterJoin { get; private set; }

        public JsonObject Shown
        {
            get { lock (_gate) return _shown; }
        }

        public IReadOnlyList<JsonObject> Changes
        {
            get { lock (_gate) return _changes.ToList(); }
        }

        public static async Task<ChangesScreen> JoinAsync(MeetingHostFactory host, System.Net.CookieContainer cookies)
        {
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(host.BaseAddress, "/hub/meeting?changes=1"), o => o.Cookies = cookies)
                .Build();
            var screen = new ChangesScreen(connection);
            connection.On<JsonElement>("Changes", screen.Apply);
            connection.On<JsonElement>("Snapshot", _ => { lock (screen._gate) screen.WholeSnapshotsAfterJoin++; });
            await connection.StartAsync();
            var joined = await connection.InvokeAsync<JsonElement>("Join", 1);
            lock (screen._gate)
            {
                var initial = JsonNode.Parse(joined.GetRawText())!.AsObject();
                // A change pushed between joining the group and reading the snapshot is already in the snapshot.
                if (screen._shown.Count == 0 || Revision(initial) >= Revision(screen._shown)) screen._shown = initial;
            }
            return screen;
        }

        private static int Revision(JsonObject o) => o["revision"]!.GetValue<int>();

        private void Apply(JsonElement element)
        {
            var change = JsonNode.Parse(element.GetRawText())!.AsObject();
            lock (_gate)
            {
                _changes.Add(change);
                if (_shown.Count == 0 || change["revision"]!.GetValue<int>() <= Revision(_shown)) return;
                if (change["baseRevision"]!.GetValue<int>() != Revision(_shown))
                {
                    _broken ??= $"change {change["revision"]} follows {change["baseRevision"]} but the screen shows {Revision(_shown)}";
                    return;
                }
                var next = JsonNode.Parse(_shown.ToJsonString())!.AsObject();
                foreach (var (name, value) in change["changed"]!.AsObject()) next[name] = value?.DeepClone();
                foreach (var (name, fields) in change["patched"]!.AsObject())
                    foreach (var (field, value) in fields!.AsObject()) next[name]![field] = value?.DeepClone();
                next["version"] = change["version"]!.GetValue<int>();
                next["revision"] = change["revision"]!.GetValue<int>();
                next["serverNowMs"] = change["serverNowMs"]!.GetValue<long>();
                _shown = next;
            }
        }

        public async Task<JsonObject> WaitForVersionAsync(int version)
        {
            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (DateTime.UtcNow < deadline)
            {
                lock (_gate)
                {
                    if (_broken is not null) throw new Xunit.Sdk.XunitException("The chain of changes broke: " + _broken);
                    if (_shown["version"]!.GetValue<int>() >= version) return _shown;
                }
                await Task.Delay(20);
            }
            throw new TimeoutException($"Version {version} never arrived; the screen shows {Shown["version"]}.");
        }

        public async ValueTask DisposeAsync() => await _connection.DisposeAsync();
    }
}
