using System;
using System.Collections.Generic;
using System.Linq;
using DeviceFirmware.NfProj;
using Xunit;
using static DeviceFirmware.Tests.Host.ProjectFiles.ProjectPaths;

namespace DeviceFirmware.Tests.Host.ProjectFiles;

/// <summary>
/// Proves that <see cref="ProjectChecker"/> (tools/NfProj) can fail: each test breaks one rule in a copy of
/// the project files, or in a copy of the package graph, and expects the problem, worded as the fix.
/// </summary>
public sealed class ProjectCheckerSelfTests
{
    private const string Solution = ProjectExpectations.SolutionPath;

    [Fact]
    public void CopyOfTheRepositoryHasNoProblems()
    {
        using ProjectFixture fixture = new();
        Problem[] problems = fixture.Check().ToArray();
        Assert.True(problems.Length == 0, string.Join(Environment.NewLine, problems.Select(p => p.Message)));
    }

    // ------------------------------------------------------------ compile items

    [Fact]
    public void SourceFileMissingFromTheProjectIsReportedWithTheSyncCommand()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware/Core/Serial/SlipNew.cs", "// new\n");
        fixture.Expect(ProblemArea.CompileItems, Core, "does not compile DeviceFirmware/Core/Serial/SlipNew.cs", "bash scripts/sync-nfproj.sh", @"<Compile Include=""Serial\SlipNew.cs"" />");
    }

    [Fact]
    public void CompileItemWithoutAFileIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Delete("DeviceFirmware/Core/Runtime/IClock.cs");
        fixture.Expect(ProblemArea.CompileItems, Core, @"<Compile Include=""Runtime\IClock.cs"" />", "does not exist", "bash scripts/sync-nfproj.sh");
    }

    [Fact]
    public void HostOnlySourcesInTheTestProjectAreReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsProject, @"<Compile Include=""TestSupport\Hex.cs"" />",
            @"<Compile Include=""TestSupport\Hex.cs"" />" + "\n    " + @"<Compile Include=""Host\HostTests\HostOnly.cs"" />");
        fixture.Expect(ProblemArea.CompileItems, TestsProject, "DeviceFirmware.Tests/Host/", "must not compile");
    }

    [Fact]
    public void TestSourceFileMissingFromTheTestProjectIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware.Tests/Protocol/MmsCodecTests.cs", "// new\n");
        fixture.Expect(ProblemArea.CompileItems, TestsProject, "does not compile DeviceFirmware.Tests/Protocol/MmsCodecTests.cs");
    }

    [Fact]
    public void DeviceTestSourceMissingFromTheDeviceTestProjectIsReportedAsALinkedItem()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware.Tests/Mqtt/MqttWillTests.cs", "// new\n");
        fixture.Expect(ProblemArea.CompileItems, DeviceTests, "does not compile DeviceFirmware.Tests/Mqtt/MqttWillTests.cs",
            @"<Compile Include=""..\Mqtt\MqttWillTests.cs"" Link=""Mqtt\MqttWillTests.cs"" />");
        Assert.DoesNotContain(fixture.Check(), p => p.Message.StartsWith(TestsProject + " does not compile", StringComparison.Ordinal));
    }

    [Fact]
    public void SharedTestThatNoTestProjectCompilesIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Write("DeviceFirmware.Tests/Ota/OtaTests.cs", "// new\n");
        fixture.Expect(ProblemArea.CompileItems, "DeviceFirmware.Tests/Ota/OtaTests.cs is a shared test that no nanoFramework test project compiles",
            "add its folder, DeviceFirmware.Tests/Ota, to the SourceFolders of", TestsProject, DeviceTests, "64 KB");
    }

    [Fact]
    public void TestFolderDroppedFromEveryTestProjectIsReported()
    {
        using ProjectFixture fixture = new();
        ProjectExpectation[] expectations = With(ProjectExpectations.DeviceTests,
            ProjectExpectations.DeviceTests with { SourceFolders = ProjectExpectations.DeviceTests.SourceFolders.Where(f => f != "DeviceFirmware.Tests/Runtime").ToArray() });
        fixture.ExpectWith(expectations, ProblemArea.CompileItems, "DeviceFirmware.Tests/Runtime/PollingWorkerTests.cs is a shared test that no nanoFramework test project compiles");
        fixture.ExpectWith(expectations, ProblemArea.CompileItems, DeviceTests, "names DeviceFirmware.Tests/Runtime/PollingWorkerTests.cs, which is in none of the project's source folders", "must not compile");
    }

    [Fact]
    public void TestFolderInBothTestProjectsIsReported()
    {
        using ProjectFixture fixture = new();
        ProjectExpectation[] expectations = With(ProjectExpectations.DeviceTests,
            ProjectExpectations.DeviceTests with { SourceFolders = ProjectExpectations.DeviceTests.SourceFolders.Append("DeviceFirmware.Tests/Protocol").ToArray() });
        fixture.ExpectWith(expectations, ProblemArea.CompileItems, "DeviceFirmware.Tests/Protocol/BerTlvTests.cs is compiled by " + TestsProject + " and " + DeviceTests, "runs twice");
        Assert.DoesNotContain(fixture.Check(expectations), p => p.Message.Contains("DeviceFirmware.Tests/TestSupport/Hex.cs is compiled by", StringComparison.Ordinal));
    }

    [Fact]
    public void SourceFolderInsideAnotherIsReported()
    {
        using ProjectFixture fixture = new();
        ProjectExpectation[] expectations = With(ProjectExpectations.Tests,
            ProjectExpectations.Tests with { SourceFolders = ProjectExpectations.Tests.SourceFolders.Append("DeviceFirmware.Tests/Serial/").ToArray() });
        fixture.ExpectWith(expectations, ProblemArea.CompileItems, TestsProject, "the source folder DeviceFirmware.Tests/Serial/ is listed twice or lies inside the source folder DeviceFirmware.Tests/Serial", "compiled twice");
    }

    [Fact]
    public void SourceFolderThatDoesNotExistIsReported()
    {
        using ProjectFixture fixture = new();
        ProjectExpectation[] expectations = With(ProjectExpectations.DeviceTests,
            ProjectExpectations.DeviceTests with { SourceFolders = ProjectExpectations.DeviceTests.SourceFolders.Append("DeviceFirmware.Tests/Ota").ToArray() });
        fixture.ExpectWith(expectations, ProblemArea.CompileItems, DeviceTests, "the source folder DeviceFirmware.Tests/Ota does not exist");
    }

    [Fact]
    public void LinkedItemOutsideTheSourceFoldersIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"<Compile Include=""Properties\AssemblyInfo.cs"" />",
            @"<Compile Include=""Properties\AssemblyInfo.cs"" />" + "\n    " + @"<Compile Include=""..\Protocol\BerTlvTests.cs"" Link=""Protocol\BerTlvTests.cs"" />");
        fixture.Expect(ProblemArea.CompileItems, DeviceTests, "names DeviceFirmware.Tests/Protocol/BerTlvTests.cs, which is in none of the project's source folders", "must not compile");
    }

    [Fact]
    public void FileCompiledTwiceInOneProjectIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"<Compile Include=""Properties\AssemblyInfo.cs"" />",
            @"<Compile Include=""Properties\AssemblyInfo.cs"" />" + "\n    " + @"<Compile Include=""..\Device\..\TestSupport\Hex.cs"" />");
        fixture.Expect(ProblemArea.CompileItems, DeviceTests, @"..\Device\..\TestSupport\Hex.cs is listed twice", "DeviceFirmware.Tests/TestSupport/Hex.cs");
    }

    [Fact]
    public void LinkedItemWithoutItsLinkIsReportedAsNotSynced()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"<Compile Include=""..\Mqtt\MqttSenderTests.cs"" Link=""Mqtt\MqttSenderTests.cs"" />", @"<Compile Include=""..\Mqtt\MqttSenderTests.cs"" />");
        Assert.DoesNotContain(fixture.Check(), p => p.Area == ProblemArea.CompileItems);
        fixture.Expect(ProblemArea.Sync, DeviceTests, "Compile items", "run it");
    }

    [Fact]
    public void WildcardCompileItemIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, @"<Compile Include=""Properties\AssemblyInfo.cs"" />", @"<Compile Include=""**\*.cs"" />");
        fixture.Expect(ProblemArea.CompileItems, App, "wildcard");
    }

    // ------------------------------------------------------------ packages

    [Fact]
    public void MissingTransitiveDependencyIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(AppPackages, @"  <package id=""nanoFramework.System.Collections"" version=""1.5.75"" targetFramework=""netnano1.0"" />" + "\n", string.Empty);
        fixture.Expect(ProblemArea.Packages, AppPackages, "nanoFramework.M2Mqtt 5.1.220 depends on nanoFramework.System.Collections >= 1.5.75",
            @"add <package id=""nanoFramework.System.Collections"" version=""1.5.75"" targetFramework=""netnano1.0"" />");
    }

    [Fact]
    public void DependencyBelowTheVersionANuspecNeedsIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(AppPackages, @"id=""nanoFramework.Runtime.Events"" version=""1.11.37""", @"id=""nanoFramework.Runtime.Events"" version=""1.11.32""");
        fixture.Expect(ProblemArea.Packages, "nanoFramework.M2Mqtt 5.1.220 needs nanoFramework.Runtime.Events >= 1.11.37", "but 1.11.32 is listed", "raise it to 1.11.37");
        fixture.Expect(ProblemArea.Packages, "nanoFramework.Runtime.Events 1.11.32", "NanoPackageGraph.cs records nanoFramework.Runtime.Events 1.11.37");
    }

    [Fact]
    public void MissingRequiredPackageIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(AppPackages, @"  <package id=""nanoFramework.Hardware.Esp32"" version=""1.6.40"" targetFramework=""netnano1.0"" />" + "\n", string.Empty);
        fixture.Expect(ProblemArea.Packages, AppPackages, @"add <package id=""nanoFramework.Hardware.Esp32"" version=""1.6.40""");
    }

    [Fact]
    public void TestProjectWithoutTheTestFrameworkIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsPackages, @"  <package id=""nanoFramework.TestFramework"" version=""3.0.80"" targetFramework=""netnano1.0"" developmentDependency=""true"" />" + "\n", string.Empty);
        fixture.Expect(ProblemArea.Packages, TestsPackages, @"add <package id=""nanoFramework.TestFramework"" version=""3.0.80""");
    }

    [Fact]
    public void CoreWithADevicePackageIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(CorePackages, "</packages>", @"  <package id=""nanoFramework.System.Net"" version=""1.11.60"" targetFramework=""netnano1.0"" />" + "\n</packages>");
        fixture.Expect(ProblemArea.Packages, CorePackages, "remove nanoFramework.System.Net", "may reference only nanoFramework.CoreLibrary");
    }

    [Fact]
    public void CoreWithCollectionsButNoHashtableIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(CorePackages, "</packages>", @"  <package id=""nanoFramework.System.Collections"" version=""1.5.75"" targetFramework=""netnano1.0"" />" + "\n</packages>");
        fixture.Expect(ProblemArea.Packages, CorePackages, "remove nanoFramework.System.Collections", "no core file uses Hashtable");

        fixture.Write("DeviceFirmware/Core/Settings/SettingsStore.cs", "class S { System.Collections.Hashtable _byName; }\n");
        Assert.DoesNotContain(fixture.Check(), p => p.Message.Contains("no core file uses Hashtable", StringComparison.Ordinal));
        fixture.Expect(ProblemArea.References, Core, "nothing references its lib\\nanoFramework.System.Collections.dll");
    }

    [Theory]
    [InlineData(TestsPackages)]
    [InlineData(DeviceTestsPackages)]
    public void TestProjectWithEsp32OnlyPackageIsReported(string packages)
    {
        using ProjectFixture fixture = new();
        fixture.Replace(packages, "</packages>", @"  <package id=""nanoFramework.Hardware.Esp32"" version=""1.6.40"" targetFramework=""netnano1.0"" />" + "\n</packages>");
        fixture.Expect(ProblemArea.Packages, packages, "remove nanoFramework.Hardware.Esp32", "nanoCLR");
    }

    [Fact]
    public void DeviceTestProjectWithoutTheTestFrameworkIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTestsPackages, @"  <package id=""nanoFramework.TestFramework"" version=""3.0.80"" targetFramework=""netnano1.0"" developmentDependency=""true"" />" + "\n", string.Empty);
        fixture.Expect(ProblemArea.Packages, DeviceTestsPackages, @"add <package id=""nanoFramework.TestFramework"" version=""3.0.80""");
    }

    [Fact]
    public void UnrecordedPackageVersionIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(AppPackages, @"id=""nanoFramework.M2Mqtt"" version=""5.1.220""", @"id=""nanoFramework.M2Mqtt"" version=""5.1.221""");
        fixture.Expect(ProblemArea.Packages, "nanoFramework.M2Mqtt 5.1.221", "record 5.1.221's nuspec dependencies");
    }

    [Fact]
    public void PackageVersionsThatDifferBetweenProjectsAreReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsPackages, @"id=""nanoFramework.CoreLibrary"" version=""1.17.11""", @"id=""nanoFramework.CoreLibrary"" version=""1.17.7""");
        fixture.Expect(ProblemArea.Packages, "nanoFramework.CoreLibrary differs between projects", "DeviceFirmware.Tests/packages.config has 1.17.7");
    }

    [Fact]
    public void PreviewPackageIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(CorePackages, @"version=""1.17.11""", @"version=""2.0.0-preview.52""");
        fixture.Expect(ProblemArea.Packages, "2.0.0-preview.52", "not a stable version");
    }

    // ------------------------------------------------------------ references

    [Fact]
    public void HintPathToAVersionThatPackagesConfigDoesNotListIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, @"packages\nanoFramework.System.Net.1.11.60\lib\System.Net.dll", @"packages\nanoFramework.System.Net.1.11.52\lib\System.Net.dll");
        fixture.Expect(ProblemArea.References, App, "names nanoFramework.System.Net 1.11.52", "lists nanoFramework.System.Net 1.11.60", @"change the HintPath to ..\..\packages\nanoFramework.System.Net.1.11.60\lib\System.Net.dll");
    }

    [Fact]
    public void HintPathToAPackageThatPackagesConfigLacksIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(AppPackages, @"  <package id=""nanoFramework.System.Text"" version=""1.3.42"" targetFramework=""netnano1.0"" />" + "\n", string.Empty);
        fixture.Expect(ProblemArea.References, App, "names package nanoFramework.System.Text 1.3.42", @"add <package id=""nanoFramework.System.Text"" version=""1.3.42""");
    }

    [Fact]
    public void HintPathOutsideTheSolutionPackagesFolderIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Core, @"<HintPath>..\..\packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>",
            @"<HintPath>packages\nanoFramework.CoreLibrary.1.17.11\lib\mscorlib.dll</HintPath>");
        fixture.Expect(ProblemArea.References, Core, @"must start with '..\..\packages\'");
    }

    [Fact]
    public void MissingM2MqttCoreAssemblyIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, @"<HintPath>..\..\packages\nanoFramework.M2Mqtt.5.1.220\lib\nanoFramework.M2Mqtt.Core.dll</HintPath>",
            @"<HintPath>..\..\packages\nanoFramework.M2Mqtt.5.1.220\lib\nanoFramework.M2Mqtt.dll</HintPath>");
        fixture.Expect(ProblemArea.References, App, @"nothing references its lib\nanoFramework.M2Mqtt.Core.dll", "<HintPath>");
    }

    [Fact]
    public void ReferenceWithTheWrongAssemblyVersionIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, "System.Threading, Version=1.1.52.34401,", "System.Threading, Version=1.1.52.0,");
        fixture.Expect(ProblemArea.References, App, @"should be <Reference Include=""System.Threading, Version=1.1.52.34401, Culture=neutral, PublicKeyToken=c07d481e9758c731"">");
    }

    // ------------------------------------------------------------ project settings

    [Theory]
    [InlineData(TestsProject)]
    [InlineData(DeviceTests)]
    public void TestAssemblyNotNamedNFUnitTestIsReported(string project)
    {
        using ProjectFixture fixture = new();
        fixture.Replace(project, "<AssemblyName>NFUnitTest</AssemblyName>", "<AssemblyName>DeviceFirmware.Tests</AssemblyName>");
        fixture.Expect(ProblemArea.ProjectSettings, project, "set <AssemblyName>NFUnitTest</AssemblyName>", "UnitTestLauncher");
    }

    [Fact]
    public void DeviceTestProjectWithoutTheTestContainerCapabilityIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"<ProjectCapability Include=""TestContainer"" />", string.Empty);
        fixture.Expect(ProblemArea.ProjectSettings, DeviceTests, "TestContainer", "Test Explorer");
    }

    [Fact]
    public void DeviceTestRunSettingsPathThatMissesTheRootFileIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"$(MSBuildProjectDirectory)\..\..\nano.runsettings", @"$(MSBuildProjectDirectory)\..\nano.runsettings");
        fixture.Expect(ProblemArea.ProjectSettings, DeviceTests, "resolves to DeviceFirmware.Tests/nano.runsettings", @"set it to $(MSBuildProjectDirectory)\..\..\nano.runsettings");
    }

    [Fact]
    public void TestProjectReferencingTheOtherTestProjectIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(DeviceTests, @"<ProjectReference Include=""..\..\DeviceFirmware\Core\DeviceFirmware.Core.nfproj"" />",
            @"<ProjectReference Include=""..\..\DeviceFirmware\Core\DeviceFirmware.Core.nfproj"" />" + "\n    " + @"<ProjectReference Include=""..\DeviceFirmware.Tests.nfproj"" />");
        fixture.Expect(ProblemArea.ProjectSettings, DeviceTests, "remove the <ProjectReference> to " + TestsProject, "Both test projects build NFUnitTest");
    }

    [Fact]
    public void RunSettingsPathThatMissesTheRootFileIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsProject, @"$(MSBuildProjectDirectory)\..\nano.runsettings", @"$(MSBuildProjectDirectory)\nano.runsettings");
        fixture.Expect(ProblemArea.ProjectSettings, TestsProject, "resolves to DeviceFirmware.Tests/nano.runsettings", @"set it to $(MSBuildProjectDirectory)\..\nano.runsettings");
    }

    [Fact]
    public void TestProjectReferencingTheAppIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsProject, @"<ProjectReference Include=""..\DeviceFirmware\Core\DeviceFirmware.Core.nfproj"" />",
            @"<ProjectReference Include=""..\DeviceFirmware\Core\DeviceFirmware.Core.nfproj"" />" + "\n    " + @"<ProjectReference Include=""..\DeviceFirmware\App\DeviceFirmware.App.nfproj"" />");
        fixture.Expect(ProblemArea.ProjectSettings, TestsProject, "remove the <ProjectReference> to DeviceFirmware/App/DeviceFirmware.App.nfproj", "Hardware.Esp32");
    }

    [Fact]
    public void AppWithoutTheCoreIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, @"<ProjectReference Include=""..\Core\DeviceFirmware.Core.nfproj"" />", string.Empty);
        fixture.Expect(ProblemArea.ProjectSettings, App, @"add <ProjectReference Include=""..\Core\DeviceFirmware.Core.nfproj"" />");
    }

    [Fact]
    public void SharedProjectGuidIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, "<ProjectGuid>cb7f6d53-a1f9-4a61-9439-6246478277da</ProjectGuid>", "<ProjectGuid>68d25001-d3c2-4cc6-a096-662c460b75d2</ProjectGuid>");
        fixture.Expect(ProblemArea.ProjectSettings, "share the ProjectGuid 68d25001-d3c2-4cc6-a096-662c460b75d2");
    }

    [Fact]
    public void RunSettingsOnRealHardwareAreReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(ProjectExpectations.RunSettingsPath, "<IsRealHardware>False</IsRealHardware>", "<IsRealHardware>True</IsRealHardware>");
        fixture.Expect(ProblemArea.RunSettings, "<IsRealHardware>False</IsRealHardware>", "it is 'True'");
    }

    // ------------------------------------------------------------ solution

    [Fact]
    public void SolutionWithoutAProjectIsReported()
    {
        using ProjectFixture fixture = new();
        string text = fixture.Read(Solution);
        int start = text.IndexOf("Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"DeviceFirmware.Tests\"", StringComparison.Ordinal);
        int end = text.IndexOf("EndProject", start, StringComparison.Ordinal) + "EndProject".Length;
        fixture.Write(Solution, text.Remove(start, end - start));
        fixture.Expect(ProblemArea.Solution, "does not open DeviceFirmware.Tests/DeviceFirmware.Tests.nfproj", "{D1AC135F-0DBF-41B3-A03C-B526C7FEC874}");
    }

    [Fact]
    public void SolutionWithoutTheDeviceTestProjectIsReported()
    {
        using ProjectFixture fixture = new();
        string text = fixture.Read(Solution);
        int start = text.IndexOf("Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"DeviceFirmware.Tests.Device\"", StringComparison.Ordinal);
        Assert.True(start >= 0, "the solution opens the Device test project");
        int end = text.IndexOf("EndProject", start, StringComparison.Ordinal) + "EndProject".Length;
        fixture.Write(Solution, text.Remove(start, end - start));
        fixture.Expect(ProblemArea.Solution, "does not open " + DeviceTests, "= \"DeviceFirmware.Tests.Device\"", "{379B477D-556F-4EA3-84DD-58496F38E1FC}");
    }

    [Fact]
    public void DeviceTestProjectWithAnotherProjectTypeInTheSolutionIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Solution, "Project(\"{11A8DD76-328B-46DF-9F39-F559912D0360}\") = \"DeviceFirmware.Tests.Device\"",
            "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"DeviceFirmware.Tests.Device\"");
        fixture.Expect(ProblemArea.Solution, @"DeviceFirmware.Tests\Device\DeviceFirmware.Tests.Device.nfproj must use the project type {11A8DD76-328B-46DF-9F39-F559912D0360}");
    }

    [Fact]
    public void SolutionEntryForAMissingProjectIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Solution, @"""DeviceFirmware\App\DeviceFirmware.App.nfproj""", @"""DeviceFirmware\Application\DeviceFirmware.App.nfproj""");
        fixture.Expect(ProblemArea.Solution, @"DeviceFirmware\Application\DeviceFirmware.App.nfproj, which does not exist");
        fixture.Expect(ProblemArea.Solution, "does not open DeviceFirmware/App/DeviceFirmware.App.nfproj");
    }

    [Fact]
    public void HostProjectInTheSolutionIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Solution, "EndProject\r\nGlobal\r\n", "EndProject\r\nProject(\"{9A19103F-16F7-4668-BE54-9A1E7A4F7556}\") = \"Host\", \"DeviceFirmware\\Core.DotNet\\DeviceFirmware.Core.DotNet.csproj\", \"{0B0B0B0B-0000-4000-8000-000000000001}\"\r\nEndProject\r\nGlobal\r\n");
        fixture.Expect(ProblemArea.Solution, "DeviceFirmware.Core.DotNet.csproj", "DeviceFirmware.Host.slnx", "remove it");
    }

    [Fact]
    public void SolutionGuidThatDiffersFromTheProjectIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Core, "<ProjectGuid>68d25001-d3c2-4cc6-a096-662c460b75d2</ProjectGuid>", "<ProjectGuid>0b0b0b0b-0000-4000-8000-000000000002</ProjectGuid>");
        fixture.Expect(ProblemArea.Solution, "{68D25001-D3C2-4CC6-A096-662C460B75D2}", "0B0B0B0B-0000-4000-8000-000000000002", "use the same GUID in both");
    }

    [Fact]
    public void AppWithoutADeployConfigurationIsReported()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Solution, "{CB7F6D53-A1F9-4A61-9439-6246478277DA}.Release|Any CPU.Deploy.0 = Release|Any CPU\r\n", string.Empty);
        fixture.Expect(ProblemArea.Solution, "{CB7F6D53-A1F9-4A61-9439-6246478277DA}.Release|Any CPU.Deploy.0 = Release|Any CPU");
    }

    // ------------------------------------------------------------ as the sync command writes them

    [Fact]
    public void UnsortedCompileItemsAreReportedAsNotSynced()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(App, "    <Compile Include=\"Properties\\AssemblyInfo.cs\" />\n", string.Empty);
        fixture.Replace(App, "<Compile Include=\"Program.cs\" />", "<Compile Include=\"Properties\\AssemblyInfo.cs\" />\n    <Compile Include=\"Program.cs\" />");
        Assert.DoesNotContain(fixture.Check(), p => p.Area == ProblemArea.CompileItems);
        fixture.Expect(ProblemArea.Sync, App, "is not as `bash scripts/sync-nfproj.sh` writes it", "Compile items", "run it");
    }

    [Fact]
    public void PackageVersionThatIsNotThePinnedOneIsReportedAsNotSynced()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(TestsPackages, @"id=""nanoFramework.CoreLibrary"" version=""1.17.11""", @"id=""nanoFramework.CoreLibrary"" version=""1.17.7""");
        fixture.Expect(ProblemArea.Sync, TestsPackages, "nanoFramework.CoreLibrary 1.17.7 -> 1.17.11");
    }

    [Fact]
    public void CompileItemGroupWithOtherItemsIsReportedAsNotSyncable()
    {
        using ProjectFixture fixture = new();
        fixture.Replace(Core, "<None Include=\"packages.config\" />", string.Empty);
        fixture.Replace(Core, "<Compile Include=\"Properties\\AssemblyInfo.cs\" />", "<None Include=\"packages.config\" />\n    <Compile Include=\"Properties\\AssemblyInfo.cs\" />");
        fixture.Expect(ProblemArea.Sync, Core, "holds other items too", "cannot rewrite it");
    }

    // ------------------------------------------------------------ helpers

    /// <summary>The repository's expectations with <paramref name="replaced"/> in place of <paramref name="original"/>.</summary>
    private static ProjectExpectation[] With(ProjectExpectation original, ProjectExpectation replaced) =>
        ProjectExpectations.All.Select(e => ReferenceEquals(e, original) ? replaced : e).ToArray();

    // ------------------------------------------------------------ the package graph

    [Fact]
    public void PackageRecordedTwiceIsReported()
    {
        PackageRecord events = NanoPackageGraph.Pinned(NanoPackageGraph.RuntimeEvents);
        IReadOnlyList<string> gaps = NanoPackageGraph.Check(NanoPackageGraph.Packages.Append(events with { Version = "1.11.32" }).ToArray());
        Assert.Contains(gaps, g => g.Contains("records nanoFramework.Runtime.Events 2 times (1.11.37, 1.11.32)", StringComparison.Ordinal) && g.Contains("keep one record", StringComparison.Ordinal));
    }

    [Fact]
    public void UnrecordedDependencyInTheGraphIsReported()
    {
        IReadOnlyList<string> gaps = NanoPackageGraph.Check(NanoPackageGraph.Packages.Where(p => p.Id != NanoPackageGraph.SystemText).ToArray());
        Assert.Contains(gaps, g => g.Contains("nanoFramework.System.Net 1.11.60 depends on nanoFramework.System.Text, which NanoPackageGraph.cs does not record", StringComparison.Ordinal));
    }

    [Fact]
    public void DependencyAboveTheRecordedVersionIsReported()
    {
        PackageRecord[] packages = NanoPackageGraph.Packages
            .Select(p => p.Id == NanoPackageGraph.SystemText ? p with { Version = "1.3.16" } : p)
            .ToArray();
        IReadOnlyList<string> gaps = NanoPackageGraph.Check(packages);
        Assert.Contains(gaps, g => g.Contains("needs nanoFramework.System.Text >= 1.3.42, but NanoPackageGraph.cs records only 1.3.16", StringComparison.Ordinal));
    }

    [Fact]
    public void AssemblyOfTwoPackagesIsReported()
    {
        PackageRecord text = NanoPackageGraph.Pinned(NanoPackageGraph.SystemText);
        PackageRecord copy = text with { Id = "Contoso.Text", Dependencies = Array.Empty<PackageDependency>() };
        IReadOnlyList<string> gaps = NanoPackageGraph.Check(NanoPackageGraph.Packages.Append(copy).ToArray());
        Assert.Contains(gaps, g => g.Contains("the assembly nanoFramework.System.Text is recorded for nanoFramework.System.Text and Contoso.Text", StringComparison.Ordinal));
    }
}
