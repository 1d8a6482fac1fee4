using System;
using System.Text;
using DeviceFirmware.Protocol;
using DeviceFirmware.Tests.Host.Integration.Infrastructure;

namespace DeviceFirmware.Tests.Host.EndToEnd;

/// <summary>
/// MMS requests over MQTT as a server sends them to a simulated device: frames built by the core's
/// <see cref="MmsRequestBuilder"/>, sent as ASCII hex to <c>DeviceFirmware/Device/&lt;id&gt;</c>;
/// answers read on <c>DeviceFirmware/Server/&lt;id&gt;/MMSMessage</c>. The topic names are the
/// factory defaults.
/// </summary>
internal static class RemoteCommands
{
    /// <summary>The seed page's Set of 1.2.2.1.2.3 with the value 02 (Table 765 with the last byte changed).</summary>
    public const string SeedSetQos2 = "AA0081040155D1118410D1118501018704020201028903C30102";

    /// <summary>The device's answer to <see cref="SeedSetQos2"/>: the seed page's Set response (Table 766) echoing 02.</summary>
    public const string SeedSetQos2Answer = "AA0081048255D11182040000000084820010D1118501018704020201028903C30102";

    public static string CommandTopic(string deviceId) => "DeviceFirmware/Device/" + deviceId;

    public static string AnswerTopic(string deviceId) => "DeviceFirmware/Server/" + deviceId + "/MMSMessage";

    public static string StatusTopic(string deviceId) => "DeviceFirmware/Server/" + deviceId + "/Status";

    public static string TelemetryTopic(string deviceId) => "DeviceFirmware/Server/" + deviceId + "/Telemetry";

    /// <summary>A Set of one property as upper-case hex text.</summary>
    public static string SetHex(byte reference, int propertyIndex, byte[] value)
        => Convert.ToHexString(MmsRequestBuilder.Set(reference, propertyIndex, value, 0, value.Length));

    /// <summary>
    /// The start of a success answer to a Set with <paramref name="reference"/>: start of message AA00,
    /// message info 81 04 with 82 (response), the reference and D111 (Set Property), then the status
    /// 82 04 00000000 (success).
    /// </summary>
    public static string SetSuccessPrefix(byte reference) => "AA00810482" + reference.ToString("X2") + "D111" + "820400000000";

    /// <summary>Publishes <paramref name="hex"/> to the device's command topic at QoS 1.</summary>
    public static void Send(PahoTestSubscriber client, string deviceId, string hex)
        => client.Publish(CommandTopic(deviceId), Encoding.ASCII.GetBytes(hex), 1);

    /// <summary>The payload as text.</summary>
    public static string Text(ReceivedMessage message) => Encoding.ASCII.GetString(message.Payload);

    /// <summary>The device ID in a <c>DeviceFirmware/Server/&lt;id&gt;/...</c> topic.</summary>
    public static string DeviceIdOf(string topic) => topic.Split('/')[2];
}
