using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace MeetingAssist.Host.Data;

public sealed class DataOptions
{
    /// <summary>Folder for the database, recordings and generated files; created on first start.</summary>
    public string Folder { get; set; } = "data";

    public string DatabasePath => Path.Combine(Path.GetFullPath(Folder), "meetingassist.db");
}

public static class DataSetup
{
    public static void Configure(DbContextOptionsBuilder options, string databasePath) =>
        options.UseSqlite($"Data Source={databasePath};Pooling=True")
               .AddInterceptors(new SqliteDurability());
}

/// <summary>Lets the migrations tool build the context without starting the server.</summary>
public sealed class DesignTimeFactory : IDesignTimeDbContextFactory<MeetingDbContext>
{
    public MeetingDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<MeetingDbContext>();
        DataSetup.Configure(builder, Path.Combine(Path.GetTempPath(), "meetingassist-design.db"));
        return new MeetingDbContext(builder.Options);
    }
}
