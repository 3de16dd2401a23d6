using LwM2MSparkplug.Lwm2mServer.Model;
using LwM2MSparkplug.Protocols.Lwm2m.Model;

namespace LwM2MSparkplug.Lwm2mServer.Tests.Model;

public sealed class Lwm2mModelDirectoryTests : IDisposable
{
    // A vendor object written for this test in the registry's DDF schema.
    const string VendorDdf = """
        <LWM2M><Object ObjectType="MODefinition"><Name>Pump</Name><ObjectID>33001</ObjectID><ObjectVersion>1.1</ObjectVersion>
        <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Resources>
        <Item ID="0"><Name>Flow</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>Float</Type><Units>l/min</Units></Item>
        </Resources></Object></LWM2M>
        """;

    readonly string _directory = Directory.CreateTempSubdirectory("lwm2m-models-").FullName;

    [Fact]
    public void NoDirectory_IsTheBuiltInModel()
    {
        Assert.Same(Lwm2mObjectModel.BuiltIn, Lwm2mModelDirectory.Load(null));
    }

    [Fact]
    public void DdfFiles_AreAddedToTheBuiltInModel()
    {
        File.WriteAllText(Path.Combine(_directory, "33001.xml"), VendorDdf);
        File.WriteAllText(Path.Combine(_directory, "notes.txt"), "not a definition");

        var model = Lwm2mModelDirectory.Load(_directory);

        Assert.True(model.TryGetObject(33001, "1.1", out var pump));
        Assert.Equal("l/min", pump.Resources[0].Units);
        Assert.True(model.TryGetObject(3303, "1.1", out _));
    }

    [Fact]
    public void ABadFile_FailsTheStart_NamingTheKeyTheFileAndTheProblem()
    {
        File.WriteAllText(Path.Combine(_directory, "broken.xml"), VendorDdf.Replace("<Type>Float</Type>", "<Type>Decimal</Type>", StringComparison.Ordinal));

        var result = new Lwm2mServerOptions.Validator().Validate(null, new Lwm2mServerOptions { ModelsDirectory = _directory });

        Assert.True(result.Failed);
        Assert.Contains("Lwm2mServer:ModelsDirectory", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("broken.xml", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("type 'Decimal'", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingDirectory_FailsTheStart()
    {
        var result = new Lwm2mServerOptions.Validator().Validate(null, new Lwm2mServerOptions { ModelsDirectory = Path.Combine(_directory, "absent") });

        Assert.Contains("is not a directory", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
