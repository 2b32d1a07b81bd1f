#include "protocol/arrow_view.h"

#include <arrow/api.h>
#include <arrow/c/bridge.h>
#include <arrow/json/from_string.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "delta/arrow_handles.h"
#include "protocol/arrow_schema_builder.h"

namespace delta {
namespace {

// An Arrow C++ array exported through the C Data Interface; owns both structs.
struct Exported {
  ArrowSchemaHandle schema;
  ArrowArrayHandle array;
};

Exported Export(const std::shared_ptr<arrow::Array>& a) {
  ArrowSchema s;
  ArrowArray arr;
  arrow::Status st = arrow::ExportArray(*a, &arr, &s);
  EXPECT_TRUE(st.ok()) << st.ToString();
  return {ArrowSchemaHandle(&s), ArrowArrayHandle(&arr)};
}

std::shared_ptr<arrow::Array> FromJson(const std::shared_ptr<arrow::DataType>& type,
                                       const std::string& json) {
  auto r = arrow::json::ArrayFromJSONString(type, json);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

template <typename View>
View MakeView(const Exported& e, std::string path = "col") {
  auto column = ArrayView::Make(*e.schema.get(), *e.array.get(), std::move(path));
  EXPECT_TRUE(column.ok()) << column.status().ToString();
  auto view = View::Make(*column);
  EXPECT_TRUE(view.ok()) << view.status().ToString();
  return *view;
}

template <typename View>
Status MakeViewStatus(const Exported& e, std::string path = "col") {
  auto column = ArrayView::Make(*e.schema.get(), *e.array.get(), std::move(path));
  if (!column.ok()) return column.status();
  return View::Make(*column).status();
}

// ---------------------------------------------------------------------------------------------

TEST(ArrowViewTest, IntegersOfEveryWidthWidenToInt64) {
  struct Case {
    std::shared_ptr<arrow::DataType> type;
    int width;
  };
  std::vector<Case> cases = {{arrow::int8(), 1},
                             {arrow::uint8(), 1},
                             {arrow::int16(), 2},
                             {arrow::uint16(), 2},
                             {arrow::int32(), 4},
                             {arrow::uint32(), 4},
                             {arrow::int64(), 8},
                             {arrow::date32(), 4},
                             {arrow::date64(), 8},
                             {arrow::timestamp(arrow::TimeUnit::MICRO, "UTC"), 8},
                             {arrow::timestamp(arrow::TimeUnit::NANO), 8}};
  for (const Case& c : cases) {
    SCOPED_TRACE(c.type->ToString());
    Exported e = Export(FromJson(c.type, "[1, null, 100, 7]"));
    IntArrayView v = MakeView<IntArrayView>(e);
    ASSERT_EQ(v.length(), 4);
    EXPECT_EQ(v.byte_width(), c.width);
    EXPECT_EQ(v.Get(0), 1);
    EXPECT_EQ(v.Get(1), std::nullopt);
    EXPECT_EQ(v.Value(2), 100);
    EXPECT_EQ(v.Value(3), 7);
  }
  Exported neg = Export(FromJson(arrow::int8(), "[-128, 127]"));
  IntArrayView v = MakeView<IntArrayView>(neg);
  EXPECT_EQ(v.Value(0), -128);
  Exported big = Export(FromJson(arrow::int64(), "[-9223372036854775808, 9223372036854775807]"));
  IntArrayView b = MakeView<IntArrayView>(big);
  EXPECT_EQ(b.Value(0), INT64_MIN);
  EXPECT_EQ(b.Value(1), INT64_MAX);
}

TEST(ArrowViewTest, SlicedIntegersHonourOffset) {
  auto a = FromJson(arrow::int32(), "[0, 1, null, 3, 4, 5, null, 7, 8, 9, 10]");
  Exported e = Export(a->Slice(5, 5));  // [5, null, 7, 8, 9]
  IntArrayView v = MakeView<IntArrayView>(e);
  ASSERT_EQ(v.length(), 5);
  EXPECT_EQ(v.Get(0), 5);
  EXPECT_TRUE(v.IsNull(1));
  EXPECT_EQ(v.Get(2), 7);
  EXPECT_EQ(v.Get(4), 9);
}

TEST(ArrowViewTest, StringsAllLayouts) {
  const std::string json = R"(["a", null, "", "a string longer than twelve bytes", "xyz"])";
  for (auto type : {arrow::utf8(), arrow::large_utf8(), arrow::binary(), arrow::large_binary(),
                    arrow::utf8_view(), arrow::binary_view()}) {
    SCOPED_TRACE(type->ToString());
    Exported e = Export(FromJson(type, json));
    StringArrayView v = MakeView<StringArrayView>(e);
    ASSERT_EQ(v.length(), 5);
    EXPECT_EQ(v.Get(0), "a");
    EXPECT_EQ(v.Get(1), std::nullopt);
    EXPECT_EQ(v.Get(2), "");
    EXPECT_TRUE(v.IsValid(2));
    EXPECT_EQ(v.Value(3), "a string longer than twelve bytes");
    EXPECT_EQ(v.Value(4), "xyz");

    Exported sliced = Export(FromJson(type, json)->Slice(2, 3));
    StringArrayView s = MakeView<StringArrayView>(sliced);
    ASSERT_EQ(s.length(), 3);
    EXPECT_EQ(s.Get(0), "");
    EXPECT_EQ(s.Get(1), "a string longer than twelve bytes");
    EXPECT_EQ(s.Get(2), "xyz");
  }
}

TEST(ArrowViewTest, BoolsWithUnalignedOffset) {
  auto a = FromJson(arrow::boolean(), "[true, false, true, true, null, false, true, false, true]");
  Exported e = Export(a->Slice(3));  // [true, null, false, true, false, true]
  BoolArrayView v = MakeView<BoolArrayView>(e);
  ASSERT_EQ(v.length(), 6);
  EXPECT_EQ(v.Get(0), true);
  EXPECT_EQ(v.Get(1), std::nullopt);
  EXPECT_EQ(v.Get(2), false);
  EXPECT_EQ(v.Get(3), true);
  EXPECT_EQ(v.Get(4), false);
  EXPECT_EQ(v.Get(5), true);
}

TEST(ArrowViewTest, FloatsAndDoubles) {
  Exported f = Export(FromJson(arrow::float32(), "[1.5, null, -2.25]"));
  FloatArrayView fv = MakeView<FloatArrayView>(f);
  EXPECT_EQ(fv.Get(0), 1.5);
  EXPECT_EQ(fv.Get(1), std::nullopt);
  EXPECT_EQ(fv.Get(2), -2.25);
  Exported d = Export(FromJson(arrow::float64(), "[0.1, 1e300]")->Slice(1));
  FloatArrayView dv = MakeView<FloatArrayView>(d);
  ASSERT_EQ(dv.length(), 1);
  EXPECT_EQ(dv.Value(0), 1e300);
}

TEST(ArrowViewTest, StructChildrenByNameWithParentNulls) {
  auto type =
      arrow::struct_({arrow::field("id", arrow::int64()), arrow::field("name", arrow::utf8()),
                      arrow::field("inner", arrow::struct_({arrow::field("x", arrow::int32())}))});
  auto a = FromJson(type, R"([
      {"id": 1, "name": "one", "inner": {"x": 10}},
      null,
      {"id": 3, "name": null, "inner": null},
      {"id": null, "name": "four", "inner": {"x": null}}])");
  Exported e = Export(a);
  auto s = StructArrayView::Make(*e.schema.get(), *e.array.get(), "s");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->num_fields(), 3);
  EXPECT_EQ(s->FieldIndex("name"), 1);
  EXPECT_EQ(s->FieldIndex("nope"), -1);

  auto id = s->Get<IntArrayView>("id");
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->Get(0), 1);
  EXPECT_EQ(id->Get(1), std::nullopt);  // the struct row is null
  EXPECT_EQ(id->Get(2), 3);
  EXPECT_EQ(id->Get(3), std::nullopt);
  EXPECT_EQ(id->path(), "s.id");

  auto inner = s->Get<StructArrayView>("inner");
  ASSERT_TRUE(inner.ok());
  auto x = inner->Get<IntArrayView>("x");
  ASSERT_TRUE(x.ok());
  EXPECT_EQ(x->path(), "s.inner.x");
  EXPECT_EQ(x->Get(0), 10);
  EXPECT_TRUE(x->IsNull(1));  // grandparent null
  EXPECT_TRUE(x->IsNull(2));  // parent null
  EXPECT_TRUE(x->IsNull(3));  // own null
}

TEST(ArrowViewTest, StructOffsetsAtEveryLevel) {
  // Children with their own offsets inside a struct that is itself sliced.
  auto ids = FromJson(arrow::int64(), "[100, 101, 102, 103, 104, 105, 106]")->Slice(2);  // 102..
  auto names = FromJson(arrow::utf8(), R"(["x", "a", "b", null, "d", "e"])")->Slice(1);  // a..
  std::shared_ptr<arrow::Buffer> validity;
  {
    arrow::TypedBufferBuilder<bool> builder;
    for (bool b : {true, false, true, true, true}) ASSERT_TRUE(builder.Append(b).ok());
    ASSERT_TRUE(builder.Finish(&validity).ok());
  }
  auto made =
      arrow::StructArray::Make({ids, names}, std::vector<std::string>{"id", "name"}, validity, 1);
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  // Struct rows: {102,a}, null, {104,null}, {105,d}, {106,e}; sliced from row 1.
  Exported e = Export((*made)->Slice(1, 4));
  auto s = StructArrayView::Make(*e.schema.get(), *e.array.get());
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->length(), 4);
  auto id = s->Get<IntArrayView>("id");
  auto name = s->Get<StringArrayView>("name");
  ASSERT_TRUE(id.ok() && name.ok());
  EXPECT_TRUE(s->IsNull(0));
  EXPECT_EQ(id->Get(0), std::nullopt);
  EXPECT_EQ(name->Get(0), std::nullopt);
  EXPECT_EQ(id->Get(1), 104);
  EXPECT_EQ(name->Get(1), std::nullopt);
  EXPECT_EQ(id->Get(2), 105);
  EXPECT_EQ(name->Get(2), "d");
  EXPECT_EQ(id->Get(3), 106);
  EXPECT_EQ(name->Get(3), "e");
}

TEST(ArrowViewTest, StringMapWithNullValuesAndOffsets) {
  auto type = arrow::map(arrow::utf8(), arrow::utf8());
  auto a = FromJson(type, R"([
      [["skip", "me"]],
      [["a", "1"], ["b", null]],
      null,
      [],
      [["c", ""]]])");
  Exported e = Export(a->Slice(1));
  MapArrayView m = MakeView<MapArrayView>(e, "pv");
  ASSERT_EQ(m.length(), 4);
  auto [b0, e0] = m.Range(0);
  ASSERT_EQ(e0 - b0, 2);
  EXPECT_EQ(m.Key(b0), "a");
  EXPECT_EQ(m.Value(b0), "1");
  EXPECT_EQ(m.Key(b0 + 1), "b");
  EXPECT_EQ(m.Value(b0 + 1), std::nullopt);
  EXPECT_TRUE(m.IsNull(1));
  auto [b2, e2] = m.Range(2);
  EXPECT_EQ(b2, e2);
  auto [b3, e3] = m.Range(3);
  ASSERT_EQ(e3 - b3, 1);
  EXPECT_EQ(m.Key(b3), "c");
  EXPECT_EQ(m.Value(b3), std::optional<std::string_view>(""));
}

TEST(ArrowViewTest, ListOfTwoFieldStructsReadsAsMap) {
  auto type = arrow::list(arrow::struct_(
      {arrow::field("key", arrow::utf8(), false), arrow::field("value", arrow::utf8())}));
  Exported e =
      Export(FromJson(type, R"([[{"key": "k", "value": "v"}], [{"key": "n", "value": null}]])"));
  MapArrayView m = MakeView<MapArrayView>(e);
  auto [b, end] = m.Range(1);
  ASSERT_EQ(end - b, 1);
  EXPECT_EQ(m.Key(b), "n");
  EXPECT_EQ(m.Value(b), std::nullopt);
}

TEST(ArrowViewTest, ListsLargeListsAndFixedSizeLists) {
  const std::string json = R"([["x"], ["a", null, "c"], null, []])";
  for (auto type : {arrow::list(arrow::utf8()), arrow::large_list(arrow::utf8())}) {
    SCOPED_TRACE(type->ToString());
    Exported e = Export(FromJson(type, json)->Slice(1));
    ListArrayView l = MakeView<ListArrayView>(e);
    ASSERT_EQ(l.length(), 3);
    auto elements = StringArrayView::Make(l.elements());
    ASSERT_TRUE(elements.ok()) << elements.status().ToString();
    auto [b, end] = l.Range(0);
    ASSERT_EQ(end - b, 3);
    EXPECT_EQ(elements->Get(b), "a");
    EXPECT_EQ(elements->Get(b + 1), std::nullopt);
    EXPECT_EQ(elements->Get(b + 2), "c");
    EXPECT_TRUE(l.IsNull(1));
    auto [b2, e2] = l.Range(2);
    EXPECT_EQ(b2, e2);
  }
  Exported f = Export(
      FromJson(arrow::fixed_size_list(arrow::int32(), 2), "[[1, 2], [3, 4], [5, 6]]")->Slice(1));
  ListArrayView fl = MakeView<ListArrayView>(f);
  auto ints = IntArrayView::Make(fl.elements());
  ASSERT_TRUE(ints.ok());
  auto [b, end] = fl.Range(1);
  ASSERT_EQ(end - b, 2);
  EXPECT_EQ(ints->Value(b), 5);
  EXPECT_EQ(ints->Value(b + 1), 6);
}

TEST(ArrowViewTest, TypeMismatchIsInvalidTableNamingTheColumn) {
  auto type = arrow::struct_({arrow::field("size", arrow::utf8())});
  Exported e = Export(FromJson(type, R"([{"size": "big"}])"));
  auto s = StructArrayView::Make(*e.schema.get(), *e.array.get(), "add");
  ASSERT_TRUE(s.ok());
  auto size = s->Get<IntArrayView>("size");
  ASSERT_FALSE(size.ok());
  EXPECT_TRUE(size.status().IsInvalidTable());
  EXPECT_EQ(size.status().message(), "column 'add.size' has Arrow format 'u', expected an integer");

  Exported ints = Export(FromJson(arrow::int32(), "[1]"));
  EXPECT_TRUE(MakeViewStatus<StringArrayView>(ints).IsInvalidTable());
  EXPECT_TRUE(MakeViewStatus<BoolArrayView>(ints).IsInvalidTable());
  EXPECT_TRUE(MakeViewStatus<FloatArrayView>(ints).IsInvalidTable());
  EXPECT_TRUE(MakeViewStatus<ListArrayView>(ints).IsInvalidTable());
  EXPECT_TRUE(MakeViewStatus<MapArrayView>(ints).IsInvalidTable());
  EXPECT_TRUE(MakeViewStatus<StructArrayView>(ints).IsInvalidTable());
  Exported u64 = Export(FromJson(arrow::uint64(), "[1]"));
  EXPECT_TRUE(MakeViewStatus<IntArrayView>(u64).IsInvalidTable());
  Exported int_map = Export(FromJson(arrow::map(arrow::utf8(), arrow::int32()), "[[[\"a\", 1]]]"));
  Status st = MakeViewStatus<MapArrayView>(int_map, "tags");
  EXPECT_TRUE(st.IsInvalidTable());
  EXPECT_NE(st.message().find("'tags.value'"), std::string::npos) << st.message();

  auto dict = arrow::DictionaryArray::FromArrays(arrow::dictionary(arrow::int32(), arrow::utf8()),
                                                 FromJson(arrow::int32(), "[0, 0]"),
                                                 FromJson(arrow::utf8(), R"(["a"])"));
  ASSERT_TRUE(dict.ok());
  Exported d = Export(*dict);
  EXPECT_TRUE(MakeViewStatus<StringArrayView>(d).IsInvalidTable());
}

TEST(ArrowViewTest, MissingFieldsAndNullTypeReadAsAllNull) {
  auto type = arrow::struct_({arrow::field("a", arrow::int32()), arrow::field("n", arrow::null())});
  Exported e = Export(FromJson(type, R"([{"a": 1, "n": null}, {"a": 2, "n": null}])"));
  auto s = StructArrayView::Make(*e.schema.get(), *e.array.get(), "root");
  ASSERT_TRUE(s.ok());
  auto missing = s->Field("b");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().message(), "column 'root.b' is missing");

  auto b = s->GetOrNull<StringArrayView>("b");
  ASSERT_TRUE(b.ok());
  EXPECT_FALSE(b->present());
  EXPECT_EQ(b->length(), 2);
  EXPECT_TRUE(b->IsNull(0) && b->IsNull(1));
  auto nested = s->GetOrNull<StructArrayView>("b");
  ASSERT_TRUE(nested.ok());
  auto deep = nested->Get<MapArrayView>("anything");
  ASSERT_TRUE(deep.ok());
  EXPECT_TRUE(deep->IsNull(1));

  // Arrow's null type stands for an all-null column of any type.
  auto n_int = s->Get<IntArrayView>("n");
  auto n_str = s->Get<StringArrayView>("n");
  auto n_map = s->Get<MapArrayView>("n");
  auto n_list = s->Get<ListArrayView>("n");
  auto n_struct = s->Get<StructArrayView>("n");
  ASSERT_TRUE(n_int.ok() && n_str.ok() && n_map.ok() && n_list.ok() && n_struct.ok());
  EXPECT_TRUE(n_int->IsNull(0) && n_str->IsNull(1) && n_map->IsNull(0) && n_list->IsNull(1));
  EXPECT_EQ(n_struct->num_fields(), 0);
  auto under_null = n_struct->GetOrNull<IntArrayView>("x");
  ASSERT_TRUE(under_null.ok());
  EXPECT_TRUE(under_null->IsNull(0));
}

TEST(ArrowViewTest, MalformedArraysAreRejected) {
  Exported e = Export(FromJson(arrow::int64(), "[1, 2]"));
  ArrowArray broken = *e.array.get();
  broken.n_buffers = 1;
  auto col = ArrayView::Make(*e.schema.get(), broken, "x");
  ASSERT_TRUE(col.ok());
  auto ints = IntArrayView::Make(*col);
  ASSERT_FALSE(ints.ok());
  EXPECT_TRUE(ints.status().IsInvalidTable());

  auto type = arrow::struct_({arrow::field("a", arrow::int32())});
  Exported s = Export(FromJson(type, R"([{"a": 1}])"));
  ArrowArray no_children = *s.array.get();
  no_children.n_children = 0;
  EXPECT_TRUE(ArrayView::Make(*s.schema.get(), no_children).status().IsInvalidTable());
}

// ---------------------------------------------------------------------------------------------
// ArrowField (the schema builder)

TEST(ArrowSchemaBuilderTest, ExportsTypesNullabilityAndMetadata) {
  ArrowField root = ArrowField::Struct(
      "",
      {ArrowField::String("s").WithFieldId(1), ArrowField::Int32("i", false),
       ArrowField::Int64("l"), ArrowField::Bool("b"), ArrowField::Double("d"),
       ArrowField::Binary("z"), ArrowField::StringMap("m"),
       ArrowField::List("list", ArrowField::Int64("ignored")),
       ArrowField::Struct("st", {ArrowField::String("x").WithMetadata("k", "v")}, false),
       ArrowField::Map("im", ArrowField::String("k"), ArrowField::Int32("v"))},
      false);
  ArrowSchemaHandle handle = root.Export();
  ASSERT_TRUE(handle.valid());
  auto imported = arrow::ImportSchema(handle.get());  // consumes and releases it
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_FALSE(handle.valid());
  const arrow::Schema& schema = **imported;
  EXPECT_EQ(schema.ToString(),
            "s: string\n"
            "i: int32 not null\n"
            "l: int64\n"
            "b: bool\n"
            "d: double\n"
            "z: binary\n"
            "m: map<string, string>\n"
            "list: list<element: int64>\n"
            "st: struct<x: string> not null\n"
            "im: map<string, int32>");
  auto s_meta = schema.field(0)->metadata();
  ASSERT_NE(s_meta, nullptr);
  EXPECT_EQ(s_meta->Get("PARQUET:field_id").ValueOr(""), "1");
  auto x_meta = schema.field(8)->type()->field(0)->metadata();
  ASSERT_NE(x_meta, nullptr);
  EXPECT_EQ(x_meta->Get("k").ValueOr(""), "v");
  EXPECT_FALSE(schema.field(6)->type()->field(0)->nullable());  // map entries
}

TEST(ArrowSchemaBuilderTest, ReleaseFreesEverythingAndMetadataRoundTrips) {
  ArrowField f = ArrowField::Int64("x").WithFieldId(42).WithMetadata("a", "");
  ArrowSchemaHandle handle = f.Export();
  EXPECT_STREQ(handle->format, "l");
  EXPECT_STREQ(handle->name, "x");
  EXPECT_EQ(handle->flags, ARROW_FLAG_NULLABLE);
  auto meta = DecodeArrowMetadata(handle->metadata);
  ASSERT_TRUE(meta.ok());
  ASSERT_EQ(meta->size(), 2u);
  EXPECT_EQ((*meta)[0], (std::pair<std::string, std::string>("PARQUET:field_id", "42")));
  EXPECT_EQ((*meta)[1], (std::pair<std::string, std::string>("a", "")));
  handle.reset();
  EXPECT_FALSE(handle.valid());

  // A consumer may move a child out; releasing the parent must then skip it.
  ArrowSchemaHandle parent = ArrowField::Struct("p", {ArrowField::Int32("c")}).Export();
  ArrowSchema moved = *parent->children[0];
  parent->children[0]->release = nullptr;
  parent.reset();
  ASSERT_NE(moved.release, nullptr);
  moved.release(&moved);
  EXPECT_EQ(moved.release, nullptr);

  auto none = DecodeArrowMetadata(nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

}  // namespace
}  // namespace delta
