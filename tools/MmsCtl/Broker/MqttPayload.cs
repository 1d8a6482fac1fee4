using DeviceFirmware.Protocol;
using CoreHexText = DeviceFirmware.RemoteConfig.HexText;

namespace DeviceFirmware.MmsCtl;

/// <summary>
/// MMS messages as MQTT payloads, in the device's two forms (the core's MmsMqttService): ASCII hex,
/// what MagTek's JavaScript SDK sends and mmsctl's default, or the raw bytes (<c>--binary</c>). The
/// device answers in the form it was asked in; an answer is read in either form.
/// </summary>
public static class MqttPayload
{
    /// <summary>The payload for <paramref name="message"/>: upper-case hex text, or the bytes themselves when <paramref name="binary"/>.</summary>
    public static byte[] Encode(byte[] message, bool binary) => binary ? message : CoreHexText.Encode(message);

    /// <summary>
    /// Reads an answer: a payload starting with <c>AA</c> (the MMS start of message) is the message
    /// itself, anything else is hex text (white space around it ignored), as the device reads requests.
    /// </summary>
    /// <returns>The message, or null when the payload is neither.</returns>
    public static byte[] Decode(byte[] payload)
    {
        if (payload == null || payload.Length == 0)
        {
            return null;
        }

        if (payload[0] == MmsMessage.StartOfMessage)
        {
            return payload;
        }

        return CoreHexText.TryDecode(payload, out byte[] message) == CoreHexText.DecodeResult.Ok ? message : null;
    }
}
