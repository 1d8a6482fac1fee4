namespace DeviceFirmware.Runtime
{
    /// <summary>Severity of a log line.</summary>
    public enum LogLevel
    {
        /// <summary>Detail that helps while developing.</summary>
        Debug = 0,

        /// <summary>Normal progress a user wants to see: connections, publishes, requests.</summary>
        Info = 1,

        /// <summary>Something went wrong and was handled (a retry, a dropped frame).</summary>
        Warning = 2,

        /// <summary>Something went wrong that needs attention.</summary>
        Error = 3,
    }
}
