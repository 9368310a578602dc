using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MeetingAssist.Host.Data;

/// <summary>
/// WAL keeps readers (projector snapshots) from blocking writers; synchronous=FULL makes every commit
/// reach the disk before we acknowledge it, so a power cut right after a command loses nothing.
/// </summary>
public sealed class SqliteDurability : DbConnectionInterceptor
{
    private const string Pragmas = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        cmd.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = Pragmas;
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }
}
