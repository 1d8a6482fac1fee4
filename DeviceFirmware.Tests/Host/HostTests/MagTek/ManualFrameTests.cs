using DeviceFirmware.Tests.TestSupport;
using Xunit;

namespace DeviceFirmware.Tests.Host.MagTek;

/// <summary>
/// Every example frame of MagTek's programmer's manual for the properties and the command added for
/// MagTek's hosts (MagTek-PaulDeignan/MagTekDocs, "docs/Developer Documentation" at 947e822): the
/// request exactly as printed, the response byte for byte where the value is not the device's own
/// (or where the rig takes the manual's example device as its identity), otherwise the manual's shape
/// with this device's value. The device's runtime runs a subset of these too (the shared
/// DeviceInformationTests, FixedWlanSettingsTests and ResetDeviceTests); the rest live here because
/// the shared test assembly must fit nanoFramework's string table.
/// </summary>
public sealed class ManualFrameTests
{
    private const string Refused = "820480020102";

    /// <summary>"DFMAIN-1.1.0-STD", "DFBOOT-1.1.0-STD" zero-padded to 19 bytes; "DeviceFirmware Sim" to 20.</summary>
    private static readonly string MainId = MagTekRig.Padded("DFMAIN-1.1.0-STD", 19);
    private static readonly string BootId = MagTekRig.Padded("DFBOOT-1.1.0-STD", 19);
    private static readonly string SimModel = MagTekRig.Padded("DeviceFirmware Sim", 20);

    /// <summary>name, request, response: the manual's example device as the identity.</summary>
    public static TheoryData<string, string, string> ManualIdentityFrames() => new()
    {
        {
            "2.2.1.1.1.1 Serial Number, Tables 1155/1156",
            "AA 00 81 04 01 B5 D1 01 84 18 D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 87 04 02 01 01 01 89 02 C1 00",
            "AA 00 81 04 82 B5 D1 01 82 04 00 00 00 00 84 82 00 1C D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 87 04 02 01 01 01 89 06 C1 04 B6 13 78 A0"
        },
        {
            "2.1.2.2.2.2 Main Firmware Version, Tables 992/993",
            "AA 00 81 04 01 08 D1 01 84 1A D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 0A E1 08 E2 06 E2 04 E2 02 C2 00",
            "AA 00 81 04 82 08 D1 01 82 04 00 00 00 00 84 82 00 2D D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 1D E1 1B E2 19 E2 17 E2 15 C2 13 31 30 30 30 30 30 37 31 38 33 2D 41 31 2D 50 43 49 00 00"
        },
        {
            "2.1.2.1.1.2 Boot 1 Firmware Version, Tables 977/978",
            "AA 00 81 04 01 05 D1 01 84 1A D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 0A E1 08 E2 06 E1 04 E1 02 C2 00",
            "AA 00 81 04 82 05 D1 01 82 04 00 00 00 00 84 82 00 2D D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 1D E1 1B E2 19 E1 17 E1 15 C2 13 31 30 30 30 30 30 37 35 33 36 2D 41 30 2D 50 43 49 00 00"
        },
        {
            // Table 990 answers "DynaFlex Pro" and one zero (13 bytes); text is padded to its maximum
            // here (20 bytes), so each length is 7 larger than the manual's.
            "2.1.2.2.2.1 Device Model Name, Tables 989/990, padded to 20",
            "AA 00 81 04 01 06 D1 01 84 1A D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 0A E1 08 E2 06 E2 04 E2 02 C1 00",
            "AA 00 81 04 82 06 D1 01 82 04 00 00 00 00 84 82 00 2E D1 01 81 07 2B 06 01 04 01 F6 09 85 01 02 89 1E E1 1C E2 1A E2 18 E2 16 C1 14 44 79 6E 61 46 6C 65 78 20 50 72 6F 00 00 00 00 00 00 00 00"
        },
    };

    /// <summary>name, request, response: this device (test01) in the manual's frames.</summary>
    public static TheoryData<string, string, string> OwnFrames() => new()
    {
        { "Serial Number, Table 1155's request", "AA00810401B5D1018418D10181072B06010401F6098501028704020101018902C100", "AA00810482B5D1018204000000008482001CD10181072B06010401F6098501028704020101018906C104D449EF70" },
        { "Main Firmware Version, Table 992's request", "AA0081040108D101841AD10181072B06010401F609850102890AE108E206E204E202C200", "AA0081048208D1018204000000008482002DD10181072B06010401F609850102891DE11BE219E217E215C213" + MainId },
        { "Boot 1 Firmware Version, Table 977's request", "AA0081040105D101841AD10181072B06010401F609850102890AE108E206E104E102C200", "AA0081048205D1018204000000008482002DD10181072B06010401F609850102891DE11BE219E117E115C213" + BootId },
        {
            "2.1.2.2 Core Firmware Information, Table 186's branch Get in Table 187's shape",
            "AA00 8104 0155D101 840D D101 8501 02 8702 0102 8902 C200",
            "AA0081048255D10182040000000084820040D1018501028702010289820033E282002FE282002BC114" + SimModel + "C213" + MainId
        },
        {
            "All of type 2: 85 02 and an empty 89",
            "AA00 8104 0155D101 8407 D101 850102 8900",
            "AA0081048255D10182040000000084820077D1018501028982006EE1820054E2820050E1820019E1820015C213" + BootId
                + "E282002FE282002BC114" + SimModel + "C213" + MainId + "E2820012E182000EE182000AE1820006C104D449EF70"
        },
        { "Serial Number Set: read-only", "AA0081040155D111841CD11181072B06010401F6098501028704020101018906C104D449EF70", "AA0081048255D111" + Refused },
        { "Main Firmware Version Set of its own value: read-only", "AA0081040155D111842DD11181072B06010401F609850102891DE11BE219E217E215C213" + MainId, "AA0081048255D111" + Refused },
        { "Model Name Set: read-only", "AA0081040155D1118410D1118501028704010202028903C10141", "AA0081048255D111" + Refused },
        { "Security Mode, Tables 679/680 (PSK, as the manual's device)", "AA00 81040103D101 841AD101 81072B06010401F609 850101 890AE208E206E104E102C300", "AA00 81048203D101 820400000000 8482001BD101 81072B06010401F609 850101 890BE209E207E105E103C30100" },
        { "Security Mode Set EAP-PEAP, Table 681: the board joins PSK only", "AA00 81040104D111 841BD111 81072B06010401F609 850101 890BE209E207E105E103C30101", "AA0081048204D111" + Refused },
        { "Security Mode Set PSK, Table 682's answer with 00", "AA00 81040104D111 841BD111 81072B06010401F609 850101 890BE209E207E105E103C30100", "AA00 81048204D111 820400000000 8482001BD111 81072B06010401F609 850101 890BE209E207E105E103C30100" },
        { "Use DHCP, Tables 689/690", "AA00 81040117D101 841AD101 81072B06010401F609 850101 890AE208E206E104E102C500", "AA00 81048217D101 820400000000 8482001ED101 81072B06010401F609 850101 890EE20CE20AE108E106C50400000001" },
        { "Use DHCP Set, Tables 691/692", "AA00 81040116D111 841ED111 81072B06010401F609 850101 890EE20CE20AE108E106C50400000001", "AA00 81048216D111 820400000000 8482001ED111 81072B06010401F609 850101 890EE20CE20AE108E106C50400000001" },
        { "Use DHCP Set 0 (static IP): not on this board", "AA00 81040116D111 841ED111 81072B06010401F609 850101 890EE20CE20AE108E106C50400000000", "AA0081048216D111" + Refused },
        { "WLAN Protocol, Tables 747/748, answering 00 (MQTT) where the manual's device has 02", "AA00 8104 0155D101 840F D101 850101 870402020101 8902 D100", "AA0081048255D10182040000000084820010D1018501018704020201018903D10100" },
        { "WLAN Protocol Set 02 (WebSocket server), Table 749: not on this board", "AA00 81040155D111 8410 D111 850101 870402020101 8903 D101 02", "AA0081048255D111" + Refused },
        { "WLAN Protocol Set 00 (MQTT), Table 750's answer with 00", "AA00 81040155D111 8410 D111 850101 870402020101 8903 D101 00", "AA0081048255D11182040000000084820010D1118501018704020201018903D10100" },
        { "Device Name, Table 704: not implemented", "AA00 81040128D101 841AD101 81072B06010401F609 850101 890AE208E206E104E102C800", "AA0081048228D101" + Refused },
        {
            "Device Name Set, Table 706: not implemented",
            "AA00 81040127D111 845AD111 81072B06010401F609 850101 894AE248E246E144E142C840 64662D78787878787878" + new string('0', 108),
            "AA0081048227D111" + Refused
        },
        { "Reset Device without a way to restart: feature not available", "AA 00 81 04 01 12 1F 01 84 02 1F 01", "AA00810482121F01820480010113" },
    };

    [Theory]
    [MemberData(nameof(ManualIdentityFrames))]
    public void TheManualsExampleDeviceAnswersTheManualsFrames(string name, string request, string response)
    {
        Assert.True(name.Length > 0);
        MagTekRig rig = MagTekRig.Manual();
        Assert.Equal(MagTekRig.Compact(response), rig.Exchange(request));
    }

    [Theory]
    [MemberData(nameof(OwnFrames))]
    public void ThisDeviceAnswersTheManualsFramesWithItsOwnValues(string name, string request, string response)
    {
        Assert.True(name.Length > 0);
        MagTekRig rig = MagTekRig.Own();
        string before = SettingsFixtures.Fingerprint(rig.Store);

        Assert.Equal(MagTekRig.Compact(response), rig.Exchange(request));

        // None of these frames writes flash: reads, fixed values Set to themselves, refusals.
        Assert.Equal(0, rig.Flash.WriteCount);
        Assert.Equal(before, SettingsFixtures.Fingerprint(rig.Store));
    }

    [Fact]
    public void ResetDeviceAnswersTable155AndSchedulesOneReset()
    {
        FakeReboot reset = new(null);
        MagTekRig rig = MagTekRig.Own(reset);

        Assert.Equal("AA00810482121F01820400000000", rig.Exchange("AA 00 81 04 01 12 1F 01 84 02 1F 01"));
        Assert.Equal(1, reset.Requests);

        // Power Off Option 01 (Table 152): "Power off only works while a device is running on its
        // battery"; these boards have none.
        Assert.Equal("AA00810482131F01820480010113", rig.Exchange("AA 00 81 04 01 13 1F 01 84 05 1F 01 81 01 01"));
        Assert.Equal(1, reset.Requests);
    }

    [Fact]
    public void MmsCtlsResetRequestIsTable154()
    {
        Assert.Equal(MagTekRig.Compact("AA 00 81 04 01 12 1F 01 84 02 1F 01"), System.Convert.ToHexString(DeviceFirmware.Protocol.MmsRequestBuilder.ResetDevice(0x12)));
    }

    [Fact]
    public void AFixedSettingBesideAStoredOneIsAllOrNothing()
    {
        MagTekRig rig = MagTekRig.Own();

        // 87 02020101 + 89 { C1 "lab", D1 00 }: the SSID is stored, the protocol already is MQTT.
        Assert.Equal(
            "AA0081048255D11182040000000084820015D1118501018704020201018908C1036C6162D10100",
            rig.Exchange("AA0081040155D1118415D1118501018704020201018908C1036C6162D10100"));
        Assert.Equal(1, rig.Flash.WriteCount);

        // With the WebSocket server asked for (D1 02), the SSID "abc" is not stored either.
        Assert.Equal("AA0081048255D111" + Refused, rig.Exchange("AA0081040155D1118415D1118501018704020201018908C103616263D10102"));
        Assert.Equal("lab", rig.Store.GetText(DeviceFirmware.Settings.PropertyIndex.WlanSsid));
        Assert.Equal(1, rig.Flash.WriteCount);
    }
}
