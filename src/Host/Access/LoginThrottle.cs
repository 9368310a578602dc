using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Access;

/// <summary>
/// Limits password guessing without letting a stranger lock the chair out (docs/ARCHITECTURE.md, Access):
/// wrong passwords are counted per (address, account) and per address, so a guesser blocks only their own
/// address; the account itself is locked only after many failures in total, and then only for the addresses
/// that failed on it, so its owner still logs in from their own tablet. Attempts on one account run one at a
/// time, so parallel guesses cannot slip past the count.
/// </summary>
public sealed class LoginThrottle(IOptions<AccessOptions> options, TimeProvider clock)
{
    private sealed class Counter
    {
        public int Failures;
        public DateTime LastFailureUtc;
        public DateTime? BlockedUntilUtc;
    }

    private const int MaxEntries = 50_000;
    private readonly ConcurrentDictionary<(string Address, string Account), Counter> _pairs = new();
    private readonly ConcurrentDictionary<string, Counter> _addresses = new();
    // Striped locks: attempts on the same account name wait for each other; unrelated names rarely do.
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    private TimeSpan Window => TimeSpan.FromMinutes(options.Value.LockoutMinutes);

    public async Task<IDisposable> EnterAsync(string account, CancellationToken ct = default)
    {
        var stripe = _stripes[(int)((uint)StringComparer.Ordinal.GetHashCode(account) % (uint)_stripes.Length)];
        await stripe.WaitAsync(ct);
        return new Release(stripe);
    }

    private sealed class Release(SemaphoreSlim stripe) : IDisposable
    {
        private int _done;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0) stripe.Release();
        }
    }

    /// <summary>Until when this address may not try this account; null when it may.</summary>
    public DateTime? BlockedUntil(IPAddress? address, string account, DateTime? accountLockedUntilUtc)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Key(address);
        DateTime? until = null;
        if (_addresses.TryGetValue(key, out var byAddress) && byAddress.BlockedUntilUtc > now) until = byAddress.BlockedUntilUtc;
        if (_pairs.TryGetValue((key, account), out var pair))
        {
            if (pair.BlockedUntilUtc > now) until = Later(until, pair.BlockedUntilUtc);
            // A locked account refuses only addresses that have guessed wrong on it recently.
            if (accountLockedUntilUtc > now && now - pair.LastFailureUtc < Window) until = Later(until, accountLockedUntilUtc);
        }
        return until;
    }

    public void Failed(IPAddress? address, string account)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var key = Key(address);
        Prune(now);
        Count(_pairs.GetOrAdd((key, account), _ => new Counter()), options.Value.MaxFailedLogins, now);
        Count(_addresses.GetOrAdd(key, _ => new Counter()), options.Value.MaxFailedLoginsPerAddress, now);
    }

    public void Succeeded(IPAddress? address, string account) => _pairs.TryRemove((Key(address), account), out _);

    private void Count(Counter counter, int limit, DateTime now)
    {
        lock (counter)
        {
            if (now - counter.LastFailureUtc > Window) counter.Failures = 0;
            counter.Failures++;
            counter.LastFailureUtc = now;
            if (counter.Failures >= Math.Max(1, limit))
            {
                counter.BlockedUntilUtc = now + Window;
                counter.Failures = 0;
            }
        }
    }

    /// <summary>A flood of names must not grow memory without end: old entries go first.</summary>
    private void Prune(DateTime now)
    {
        if (_pairs.Count + _addresses.Count < MaxEntries) return;
        foreach (var (key, c) in _pairs)
            if (now - c.LastFailureUtc > Window && !(c.BlockedUntilUtc > now)) _pairs.TryRemove(key, out _);
        foreach (var (key, c) in _addresses)
            if (now - c.LastFailureUtc > Window && !(c.BlockedUntilUtc > now)) _addresses.TryRemove(key, out _);
    }

    private static string Key(IPAddress? address) => (address?.IsIPv4MappedToIPv6 == true ? address.MapToIPv4() : address)?.ToString() ?? "?";

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;
}
