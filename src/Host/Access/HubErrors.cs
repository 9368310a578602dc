using System.Buffers;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Options;

namespace MeetingAssist.Host.Access;

/// <summary>
/// The JSON hub protocol, with every error a client can read put in Vietnamese. SignalR builds some errors
/// itself, before any hub filter runs: arguments that do not bind to the method ("Failed to invoke 'X' due to an
/// error on the server."), an unknown method, an exception that is not a <see cref="HubException"/>. Those are
/// framework texts in a fixed form, so they are recognised here, at the last point before the wire, and replaced;
/// a <see cref="HubException"/>'s own (Vietnamese) message is sent without the English frame around it.
/// </summary>
public sealed class VietnameseHubProtocol(IOptions<JsonHubProtocolOptions> options) : IHubProtocol
{
    public const string BadArguments = "Dữ liệu gửi lên không hợp lệ cho thao tác này (thiếu hoặc sai kiểu). Hãy tải lại trang rồi thử lại.";
    public const string UnknownMethod = "Máy chủ không có thao tác này. Hãy tải lại trang.";
    public const string ServerFailure = "Máy chủ gặp lỗi khi thực hiện thao tác. Dữ liệu đã lưu không bị mất; hãy thử lại.";
    public const string ConnectionError = "Kết nối bị đóng do lỗi; trang sẽ tự kết nối lại.";
    public const string Generic = "Máy chủ không thực hiện được thao tác này. Hãy thử lại.";

    private const string HubExceptionMarker = "HubException: ";
    private readonly JsonHubProtocol _inner = new(options);

    public string Name => _inner.Name;
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => _inner.TransferFormat;

    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(Translate(message), output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(Translate(message));

    private static HubMessage Translate(HubMessage message) => message switch
    {
        CompletionMessage { Error: { } error } completion => CompletionMessage.WithError(completion.InvocationId!, Translate(error)),
        CloseMessage { Error: { } error } close => new CloseMessage(ConnectionError + (error.Length > 0 && IsVietnamese(error) ? " " + error : ""), close.AllowReconnect),
        _ => message,
    };

    public static string Translate(string error)
    {
        var marker = error.LastIndexOf(HubExceptionMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            var own = error[(marker + HubExceptionMarker.Length)..].Trim();
            // SignalR's own HubException for a method that is not on the hub.
            if (own.StartsWith("Method does not exist", StringComparison.Ordinal)) return UnknownMethod;
            if (IsVietnamese(own)) return own;
        }
        if (error.StartsWith("Failed to invoke", StringComparison.Ordinal)) return BadArguments;
        if (error.StartsWith("An unexpected error occurred", StringComparison.Ordinal)) return ServerFailure;
        return IsVietnamese(error) ? error : Generic;
    }

    /// <summary>Our messages always carry Vietnamese letters; the framework's never do.</summary>
    private static bool IsVietnamese(string text) => text.Any(c => c > 0x7F);
}

/// <summary>
/// A refused command is an ordinary event (the list is closed, the floor is taken): it is logged as information
/// with its reason, without a stack trace. Anything else a hub method throws is an error and keeps its stack.
/// SignalR's own dispatcher log, which reports every refusal as an error, is turned off in <c>HostSetup</c>.
/// </summary>
public sealed partial class HubErrorLogFilter(ILogger<HubErrorLogFilter> logger) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext context, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(context);
        }
        catch (HubException ex)
        {
            LogRefused(context.HubMethodName, context.Context.User?.Identity?.Name ?? "-", ex.Message);
            throw;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(ex, context.HubMethodName, context.Context.User?.Identity?.Name ?? "-");
            throw;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Hub call {Method} by {User} refused: {Reason}")]
    private partial void LogRefused(string method, string user, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} by {User} failed")]
    private partial void LogFailed(Exception ex, string method, string user);
}
