using System.Text;
using LwM2MSparkplug.Protocols.Lwm2m.Model;

namespace LwM2MSparkplug.Protocols.Tests.Lwm2m.Model;

public sealed class Lwm2mModelReaderTests
{
    // A vendor object written for this test in the registry's DDF schema.
    const string VendorDdf = """
        <?xml version="1.0" encoding="utf-8"?>
        <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://openmobilealliance.org/tech/profiles/LWM2M.xsd">
          <Object ObjectType="MODefinition">
            <Name>Pump</Name>
            <Description1>A test pump.</Description1>
            <ObjectID>33001</ObjectID>
            <ObjectURN>urn:oma:lwm2m:x:33001:2.1</ObjectURN>
            <LWM2MVersion>1.1</LWM2MVersion>
            <ObjectVersion>2.1</ObjectVersion>
            <MultipleInstances>Multiple</MultipleInstances>
            <Mandatory>Optional</Mandatory>
            <Resources>
              <Item ID="0"><Name>Flow</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Mandatory</Mandatory><Type>Float</Type><RangeEnumeration>0..500</RangeEnumeration><Units>l/min</Units><Description>Flow.</Description></Item>
              <Item ID="1"><Name>Speeds</Name><Operations>RW</Operations><MultipleInstances>Multiple</MultipleInstances><Mandatory>Optional</Mandatory><Type>Unsigned Integer</Type><RangeEnumeration></RangeEnumeration><Units></Units><Description>Speeds.</Description></Item>
              <Item ID="2"><Name>Start</Name><Operations>E</Operations><MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Type></Type><RangeEnumeration></RangeEnumeration><Units></Units><Description>Start.</Description></Item>
            </Resources>
          </Object>
        </LWM2M>
        """;

    [Fact]
    public void Ddf_IsReadIntoADefinition()
    {
        var definition = Assert.Single(Read("pump.xml", VendorDdf));

        Assert.Equal((33001, "Pump", "2.1", true, false), (definition.Id, definition.Name, definition.Version, definition.Multiple, definition.Mandatory));
        Assert.Equal(new Lwm2mResourceDefinition(0, "Flow", Lwm2mOperations.Read, false, true, Lwm2mResourceType.Float, "l/min", "0..500"), definition.Resources[0]);
        Assert.Equal(new Lwm2mResourceDefinition(1, "Speeds", Lwm2mOperations.ReadWrite, true, false, Lwm2mResourceType.UnsignedInteger), definition.Resources[1]);
        Assert.Equal(new Lwm2mResourceDefinition(2, "Start", Lwm2mOperations.Execute, false, false, Lwm2mResourceType.None), definition.Resources[2]);
    }

    [Fact]
    public void Ddf_WithoutObjectVersion_IsVersion1_0()
    {
        var definition = Assert.Single(Read("old.xml", VendorDdf.Replace("<ObjectVersion>2.1</ObjectVersion>", string.Empty, StringComparison.Ordinal)));

        Assert.Equal("1.0", definition.Version);
    }

    [Theory]
    [InlineData("<Type>Float</Type>", "<Type>Decimal</Type>", "resource 0: type 'Decimal'")]
    [InlineData("<Operations>R</Operations>", "<Operations>X</Operations>", "resource 0: operations 'X'")]
    [InlineData("<ObjectID>33001</ObjectID>", "<ObjectID>pump</ObjectID>", "<ObjectID> 'pump'")]
    [InlineData("<ObjectVersion>2.1</ObjectVersion>", "<ObjectVersion>two</ObjectVersion>", "version 'two'")]
    [InlineData("<Type></Type>", "<Type>String</Type>", "resource 2: is executable (E) but has type String")]
    [InlineData("<Item ID=\"1\">", "<Item ID=\"0\">", "defines resource 0 twice")]
    [InlineData("<Name>Pump</Name>", "", "has no <Name>")]
    [InlineData("</LWM2M>", "", "not well-formed XML")]
    public void BadDdf_IsAModelException_NamingTheFileAndTheProblem(string find, string replace, string problem)
    {
        var exception = Assert.Throws<Lwm2mModelException>(() => Read("pump.xml", VendorDdf.Replace(find, replace, StringComparison.Ordinal)));

        Assert.StartsWith("pump.xml", exception.Message, StringComparison.Ordinal);
        Assert.Contains(problem, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AFileThatIsNeitherXmlNorJson_IsRefused()
    {
        var exception = Assert.Throws<Lwm2mModelException>(() => Read("pump.txt", VendorDdf));

        Assert.Contains("pump.txt", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuiltInModel_ReadsEveryEmbeddedFile_OneDefinitionPerObjectVersion()
    {
        var objects = Lwm2mObjectModel.BuiltIn.Objects;

        Assert.Equal(objects.Count, objects.Select(o => (o.Id, o.Version)).Distinct().Count());
        Assert.Contains(objects, o => o.Id == 3303 && o.Version == "1.0");
        Assert.All(objects.SelectMany(o => o.Resources.Values), r => Assert.Equal(r.IsExecutable, r.Type == Lwm2mResourceType.None));
    }

    static IReadOnlyList<Lwm2mObjectDefinition> Read(string name, string content)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(content));
        return Lwm2mModelReader.Read(name, stream);
    }
}
