// The checkpoint schemas come from the action tables: the read schema is, field for field,
// the one the decoder has always asked for, and the write schema marks what the protocol
// requires as non-nullable.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "log/checkpoint_schema.h"

namespace delta {
namespace {

// name:format, "!" when not nullable, children in braces (maps as <key,value>).
std::string Render(const ArrowField& f) {
  std::string s = f.name + ":";
  if (f.format == "+m") {
    s += "map";
  } else if (f.format == "+l") {
    s += "list<" + f.children[0].format + (f.children[0].nullable ? "" : "!") + ">";
  } else {
    s += f.format;
  }
  if (!f.nullable) s += "!";
  if (f.format == "+s") {
    s += "{";
    for (size_t i = 0; i < f.children.size(); ++i) {
      if (i > 0) s += ",";
      s += Render(f.children[i]);
    }
    s += "}";
  }
  if (f.format == "+m") {
    const ArrowField& entries = f.children[0];
    s += "<" + Render(entries.children[0]) + "," + Render(entries.children[1]) + ">";
  }
  return s;
}

std::string Columns(const ArrowField& top) {
  EXPECT_EQ(top.name, "");
  EXPECT_FALSE(top.nullable);
  std::string s;
  for (const ArrowField& c : top.children) s += Render(c) + ",";
  return s;
}

TEST(CheckpointSchemaTest, ReadSchemaIsUnchanged) {
  EXPECT_EQ(
      Columns(CheckpointReadSchema()),
      std::string("txn:+s{appId:u,version:l,lastUpdated:l},"
                  "add:+s{path:u,partitionValues:map<key:u!,value:u>,size:l,modificationTime:l,"
                  "dataChange:b,stats:u,tags:map<key:u!,value:u>,deletionVector:+s{storageType:u,"
                  "pathOrInlineDv:u,offset:i,sizeInBytes:i,cardinality:l},baseRowId:l,"
                  "defaultRowCommitVersion:l,clusteringProvider:u},"
                  "remove:+s{path:u,deletionTimestamp:l,dataChange:b,extendedFileMetadata:b,"
                  "partitionValues:map<key:u!,value:u>,size:l,stats:u,tags:map<key:u!,value:u>,"
                  "deletionVector:+s{storageType:u,pathOrInlineDv:u,offset:i,sizeInBytes:i,"
                  "cardinality:l},baseRowId:l,defaultRowCommitVersion:l},"
                  "metaData:+s{id:u,name:u,description:u,format:+s{provider:u,options:map<key:u!,"
                  "value:u>},schemaString:u,partitionColumns:list<u>,configuration:map<key:u!,"
                  "value:u>,createdTime:l},"
                  "protocol:+s{minReaderVersion:i,minWriterVersion:i,readerFeatures:list<u>,"
                  "writerFeatures:list<u>},"
                  "domainMetadata:+s{domain:u,configuration:u,removed:b},"
                  "checkpointMetadata:+s{version:l,tags:map<key:u!,value:u>},"
                  "sidecar:+s{path:u,sizeInBytes:l,modificationTime:l,tags:map<key:u!,value:u>},"));
}

TEST(CheckpointSchemaTest, ReadSchemaOfActionSubsets) {
  std::string file_actions;
  for (const ArrowField& c :
       CheckpointReadSchema(CheckpointActionSet::FileActionsOnly()).children) {
    file_actions += c.name + ",";
  }
  EXPECT_EQ(file_actions, "add,remove,");
  std::string others;
  for (const ArrowField& c : CheckpointReadSchema(CheckpointActionSet::NonFileActions()).children) {
    others += c.name + ",";
  }
  EXPECT_EQ(others, "txn,metaData,protocol,domainMetadata,checkpointMetadata,sidecar,");
}

TEST(CheckpointSchemaTest, WriteSchemaMarksRequiredFields) {
  EXPECT_EQ(
      Columns(CheckpointWriteSchema()),
      std::string(
          "txn:+s{appId:u!,version:l!,lastUpdated:l},"
          "add:+s{path:u!,partitionValues:map!<key:u!,value:u>,size:l!,modificationTime:l!,"
          "dataChange:b!,stats:u,tags:map<key:u!,value:u>,deletionVector:+s{storageType:u!,"
          "pathOrInlineDv:u!,offset:i,sizeInBytes:i!,cardinality:l!},baseRowId:l,"
          "defaultRowCommitVersion:l,clusteringProvider:u},"
          "remove:+s{path:u!,deletionTimestamp:l,dataChange:b!,extendedFileMetadata:b,"
          "partitionValues:map<key:u!,value:u>,size:l,stats:u,tags:map<key:u!,value:u>,"
          "deletionVector:+s{storageType:u!,pathOrInlineDv:u!,offset:i,sizeInBytes:i!,cardinality:"
          "l!},baseRowId:l,defaultRowCommitVersion:l},"
          "metaData:+s{id:u!,name:u,description:u,format:+s!{provider:u!,options:map<key:u!,value:"
          "u>},schemaString:u!,partitionColumns:list<u>!,configuration:map!<key:u!,value:u>,"
          "createdTime:l},"
          "protocol:+s{minReaderVersion:i!,minWriterVersion:i!,readerFeatures:list<u>,"
          "writerFeatures:list<u>},"
          "domainMetadata:+s{domain:u!,configuration:u!,removed:b!},"
          "checkpointMetadata:+s{version:l!,tags:map<key:u!,value:u>},"
          "sidecar:+s{path:u!,sizeInBytes:l!,modificationTime:l!,tags:map<key:u!,value:u>},"));
  // Same fields, names and types as the read schema: only nullability differs.
  std::string read = Columns(CheckpointReadSchema());
  std::string write = Columns(CheckpointWriteSchema());
  write.erase(std::remove(write.begin(), write.end(), '!'), write.end());
  read.erase(std::remove(read.begin(), read.end(), '!'), read.end());
  EXPECT_EQ(write, read);
}

}  // namespace
}  // namespace delta
