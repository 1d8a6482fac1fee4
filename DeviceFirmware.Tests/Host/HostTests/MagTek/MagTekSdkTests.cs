using System;
using System.Linq;
using DeviceFirmware.Settings;
using Xunit;

namespace DeviceFirmware.Tests.Host.MagTek;

/// <summary>
/// The command strings MagTek's own host code sends, unchanged (MagTek-PaulDeignan/WebHID_Public at
/// 06ee711): GetDeviceSN, GetDeviceFWID and GetDeviceBootFWID of the device classes
/// (js/MagTek_WebAPI/device/API_device_mmsSerial.js), and the MQTT configuration app's getConfig and
/// setConfig (js/Demo_mmsMQTTConfig.js). Several of those hosts read answers at fixed offsets, so the
/// checks below apply the same offsets: <c>84 82 hi lo</c>, the echoed company ID and short lengths
/// inside a single-leaf 89 are what keep them working.
/// </summary>
public sealed class MagTekSdkTests
{
    [Fact]
    public void GetDeviceSnReadsTheSevenDigits()
    {
        MagTekRig rig = MagTekRig.Own();

        string response = rig.Exchange("AA0081040100D101841AD10181072B06010401F609850102890AE208E106E104E102C100");

        Assert.Equal("AA0081048200D1018204000000008482001ED10181072B06010401F609850102890EE20CE10AE108E106C104D449EF70", response);

        // GetDeviceSN: the first seven hex digits of C1 inside 89.
        Assert.Equal("D449EF7", LeafValue(response, "C1")[..7]);
    }

    [Fact]
    public void TheConfigurationAppFindsTheSerialNumberAtItsFixedOffset()
    {
        MagTekRig rig = MagTekRig.Own();

        // getDevSN sends Table 1155 and takes characters 68 to 74 of the hex from tag 82 on.
        string response = rig.Exchange("AA00810401B5D1018418D10181072B06010401F6098501028704020101018902C100");

        Assert.Equal("D449EF7", response[16..].Substring(68, 7));
    }

    [Fact]
    public void GetDeviceFwidAndBootFwidReadTheFirmwareIds()
    {
        MagTekRig rig = MagTekRig.Own();

        string main = rig.Exchange("AA0081040102D101841AD10181072B06010401F609850102890AE108E206E204E202C200");
        string boot = rig.Exchange("AA008104010BD101841AD10181072B06010401F609850102890AE108E206E104E102C200");

        // The SDK reads C2 as ASCII and drops the zeros.
        Assert.Equal(FirmwareVersion.MainFirmwareId, Ascii(LeafValue(main, "C2")));
        Assert.Equal(FirmwareVersion.BootFirmwareId, Ascii(LeafValue(boot, "C2")));
    }

    [Fact]
    public void TheConfigurationAppsConnectTimeReadsAreAnswered()
    {
        MagTekRig rig = MagTekRig.Own();

        // getWirelessSecurityMode and getAddressMode read their leaf 24 bytes into 84 (Tag84.substring(48)).
        string security = rig.Exchange("AA0081040113D101841AD10181072B06010401F609850101890AE208E206E104E102C300");
        Assert.Equal("C30100", Payload(security).Substring(48));
        string address = rig.Exchange("AA0081040116D101841AD10181072B06010401F609850101890AE208E206E104E102C500");
        Assert.Equal("C50400000001", Payload(address).Substring(48));

        // getWLANMode reads D1 13 bytes into 84 (substring(26)): 00 = MQTT.
        string mode = rig.Exchange("AA00 8104 0155D101 840F D101 850101 870402020101 8902 D100");
        Assert.Equal("D10100", Payload(mode).Substring(26));

        // getDeviceName (1.2.2.1.1.8) and getDeviceIP (2.1.2.5.6.3) are not implemented: the app
        // checks the status, shows nothing for them, and goes on.
        Assert.Equal("AA0081048225D101820480020102", rig.Exchange("AA0081040125D101841AD10181072B06010401F609850101890AE208E206E104E102C800"));
        Assert.Equal("AA008104820ED101820480020102", rig.Exchange("AA008104010ED101841AD10181072B06010401F609850102890AE108E206E504E602C300"));

        // getSSID, getMQTTBroker, getMQTTPort, getMQTTUser, getMQTTSubTopic, getMQTTPubTopic.
        string[] reads =
        {
            "AA0081040112D101841AD10181072B06010401F609850101890AE208E206E104E102C100",
            "AA00 8104 0155D101 840F D101 850101 8704 02020102 8902 C100",
            "AA00 8104 0155D101 840F D101 850101 870402020102 8902 C200",
            "AA00 8104 0155D101 840F D101 850101 8704 02020102 8902 C700",
            "AA00 8104 0155D101 840F D101 850101 8704 02020102 8902 C400",
            "AA00 8104 0155D101 840F D101 850101 8704 02020102 8902 C500",
        };
        Assert.All(reads, read => Assert.Equal("820400000000", rig.Exchange(read).Substring(16, 12)));
        Assert.Equal(
            "DeviceFirmware/Server/test01",
            Ascii(LeafValue(rig.Exchange("AA00 8104 0155D101 840F D101 850101 8704 02020102 8902 C500"), "C5")));
    }

    [Fact]
    public void TheConfigurationAppsSaveSequenceSucceedsWithoutWritingFixedSettings()
    {
        MagTekRig rig = MagTekRig.Own();

        // setWirelessSecurityMode (PSK), setAddressMode (DHCP), setWLANMode("00"): what the board does already.
        string[] sets =
        {
            "AA0081040114D111841BD11181072B06010401F609850101890BE209E207E105E103C30100",
            "AA0081040117D111841ED11181072B06010401F609850101890EE20CE20AE108E106C50400000001",
            "AA00 81040155D111 8410 D111 850101 870402020101 8903 D101 00",
        };
        Assert.All(sets, set => Assert.Equal("820400000000", rig.Exchange(set).Substring(16, 12)));
        Assert.Equal(0, rig.Flash.WriteCount);

        // setMQTTSubTopic and setMQTTPubTopic: 224 bytes with 82 hi lo lengths throughout.
        string subscribe = "MagTek/US/CA/SealBeach/Name/DeviceFirmware/D449EF7/SendCommand";
        string publish = "MagTek/US/CA/SealBeach/Name/DeviceFirmware/D449EF7";
        string sub = rig.Exchange("AA0081040155D11184 8200F3 D11185010187040202010289 8200E4 C4 8200E0" + MagTekRig.Padded(subscribe, 224));
        string pub = rig.Exchange("AA00 81 04 0155D111 84 8200F3 D111 85 01 01 87 04 02020102 89 8200E4 C5 8200E0" + MagTekRig.Padded(publish, 224));
        Assert.Equal("820400000000", sub.Substring(16, 12));
        Assert.Equal("820400000000", pub.Substring(16, 12));
        Assert.Equal(subscribe, rig.Store.GetText(PropertyIndex.MqttSubscribeTopic));
        Assert.Equal(publish, rig.Store.GetText(PropertyIndex.MqttPublishTopic));

        // ResetDevice() ends the sequence: without a way to restart (this rig), "feature not available".
        Assert.Equal("AA00810482121F01820480010113", rig.Exchange("AA00810401121F0184021F01"));
    }

    /// <summary>The hex of the 84 value (the SDK's Tag84).</summary>
    private static string Payload(string response)
    {
        byte[] message = Convert.FromHexString(response);
        (int offset, int length) = Child(message, 2, message.Length, 0x84);
        return Convert.ToHexString(message, offset, length);
    }

    /// <summary>The value of the first primitive node with this tag inside 89 (as the SDK's tlvParser finds it).</summary>
    private static string LeafValue(string response, string tag)
    {
        byte[] message = Convert.FromHexString(response);
        (int payload, int payloadLength) = Child(message, 2, message.Length, 0x84);
        (int tree, int treeLength) = Child(message, payload + 2, payload + payloadLength, 0x89);
        return Find(message, tree, tree + treeLength, Convert.ToByte(tag, 16)) ?? throw new Xunit.Sdk.XunitException("no " + tag + " in " + response);
    }

    private static (int Offset, int Length) Child(byte[] bytes, int pos, int end, byte wanted)
    {
        while (pos < end)
        {
            int next = DeviceFirmware.Protocol.BerTlv.Read(bytes, pos, end, out byte tag, out int valueOffset, out int valueLength);
            Assert.True(next > 0, "malformed TLV");
            if (tag == wanted)
            {
                return (valueOffset, valueLength);
            }

            pos = next;
        }

        throw new Xunit.Sdk.XunitException($"no {wanted:X2}");
    }

    private static string Find(byte[] bytes, int pos, int end, byte wanted)
    {
        while (pos < end)
        {
            int next = DeviceFirmware.Protocol.BerTlv.Read(bytes, pos, end, out byte tag, out int valueOffset, out int valueLength);
            if (next < 0)
            {
                return null;
            }

            if (tag == wanted)
            {
                return Convert.ToHexString(bytes, valueOffset, valueLength);
            }

            if ((tag & 0x20) != 0)
            {
                string inner = Find(bytes, valueOffset, valueOffset + valueLength, wanted);
                if (inner != null)
                {
                    return inner;
                }
            }

            pos = next;
        }

        return null;
    }

    private static string Ascii(string hex) => new(Convert.FromHexString(hex).Select(b => (char)b).Where(c => c != '\0').ToArray());
}
