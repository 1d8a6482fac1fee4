namespace DeviceFirmware.Mqtt
{
    /// <summary>
    /// The device's topic scheme, in one place. Everything the device publishes goes below property
    /// 1.2.2.1.2.5 (MQTT Publish Topic); requests arrive on property 1.2.2.1.2.4 (MQTT Subscribe Topic).
    /// MagTek's devices answer on <c>&lt;publish topic&gt;/MMSMessage</c> and report liveness on
    /// <c>&lt;publish topic&gt;/Status</c>, which is what MagTek's hosts subscribe to.
    /// </summary>
    public static class DeviceTopics
    {
        /// <summary>Appended to the publish topic for MMS responses (MagTek manual, property 1.2.2.1.2.5).</summary>
        public const string MmsResponseSuffix = "/MMSMessage";

        /// <summary>Appended to the publish topic for the retained liveness message and the Last Will.</summary>
        public const string StatusSuffix = "/Status";

        /// <summary>Appended to the publish topic for telemetry, so it never mixes with MMS responses.</summary>
        public const string TelemetrySuffix = "/Telemetry";

        /// <summary>Status while a session is up (MagTek's hosts compare it case-insensitively).</summary>
        public const string Connected = "connected";

        /// <summary>Status after a clean stop, and the Last Will the broker publishes when the device vanishes.</summary>
        public const string Disconnected = "disconnected";

        /// <summary>QoS of the status messages and of the Last Will, as MagTek's own device client publishes them: retained, so the broker keeps them anyway.</summary>
        public const int StatusQos = 0;
    }
}
