namespace DeviceFirmware.MmsCtl;

/// <summary>mmsctl's exit codes.</summary>
public static class ExitCodes
{
    /// <summary>The device answered with success (for <c>raw</c>: any response arrived).</summary>
    public const int Success = 0;

    /// <summary>The device answered with a failure status, or refused the message as too big (SLIP info 03).</summary>
    public const int DeviceFailure = 1;

    /// <summary>No answer within the timeout, an I/O error, or bad usage (including a value refused before sending).</summary>
    public const int Error = 2;
}

/// <summary>A failure that ends the command with a one-line message and an exit code.</summary>
public sealed class MmsCtlException : System.Exception
{
    /// <summary>Creates the exception.</summary>
    public MmsCtlException(string message, int exitCode)
        : base(message)
    {
        ExitCode = exitCode;
    }

    /// <summary>One of <see cref="ExitCodes"/>.</summary>
    public int ExitCode { get; }
}
