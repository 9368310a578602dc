using Microsoft.Win32.SafeHandles;

namespace MeetingAssist.Transcribe;

/// <summary>Owns a whisper_context (the loaded model weights).</summary>
public sealed class WhisperContextHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public WhisperContextHandle()
        : base(ownsHandle: true)
    {
    }

    internal WhisperContextHandle(IntPtr handle)
        : base(ownsHandle: true)
    {
        SetHandle(handle);
    }

    protected override bool ReleaseHandle()
    {
        Imports.whisper_free(handle);
        return true;
    }
}

/// <summary>Owns a whisper_state (per-session buffers) and keeps its model alive until it is freed.</summary>
public sealed class WhisperStateHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    private readonly WhisperContextHandle? _context;

    public WhisperStateHandle()
        : base(ownsHandle: true)
    {
    }

    internal WhisperStateHandle(WhisperContextHandle context)
        : base(ownsHandle: true)
    {
        var added = false;
        context.DangerousAddRef(ref added);
        _context = context;
        var state = Imports.whisper_init_state(context);
        if (state == IntPtr.Zero)
        {
            context.DangerousRelease();
            _context = null;
            throw new WhisperException("whisper_init_state failed (out of memory?)", nativeMessage: WhisperNative.TakeNativeError());
        }

        SetHandle(state);
    }

    protected override bool ReleaseHandle()
    {
        Imports.whisper_free_state(handle);
        _context?.DangerousRelease();
        return true;
    }
}
