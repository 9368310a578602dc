using System.Text.Json;
using System.Text.Json.Serialization;

namespace MeetingAssist.Host.Queue;

/// <summary>Stores commands as JSON with a stable type name, so the log stays readable after code changes.</summary>
public static class CommandJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(StartMeeting), typeof(EndMeeting), typeof(RegisterSpeaker), typeof(SubmitPhoneRequest),
        typeof(ApproveRequest), typeof(RejectRequest), typeof(MoveRequest), typeof(GiveFloor), typeof(ChairTakesFloor),
        typeof(CallResponder), typeof(GiveFollowUp), typeof(PauseTimer), typeof(ResumeTimer), typeof(ExtendTime),
        typeof(EndTurn), typeof(SkipRequest), typeof(RequeueRequest), typeof(WithdrawRequest), typeof(CloseList),
        typeof(ReopenList), typeof(NextAgendaItem), typeof(Undo), typeof(SetupChanged), typeof(SetCaptions),
    }.ToDictionary(t => t.Name);

    public static string KindOf(MeetingCommand command) => command.GetType().Name;

    public static string Serialize(MeetingCommand command) => JsonSerializer.Serialize(command, command.GetType(), Options);

    public static MeetingCommand Deserialize(string kind, string json) =>
        Types.TryGetValue(kind, out var type)
            ? (MeetingCommand)JsonSerializer.Deserialize(json, type, Options)!
            : throw new InvalidOperationException($"Unknown command kind '{kind}' in the action log.");

    public static string SerializeValue<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T DeserializeValue<T>(string json) => JsonSerializer.Deserialize<T>(json, Options)!;
}
