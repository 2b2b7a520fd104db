package scot.cairn.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.jena.datatypes.xsd.XSDDatatype;
import org.apache.jena.dboe.base.record.Record;
import org.apache.jena.dboe.trans.bplustree.BPlusTree;
import org.apache.jena.dboe.transaction.txn.TransactionalComponentLifecycle.ComponentState;
import org.apache.jena.graph.Node;
import org.apache.jena.graph.NodeFactory;
import org.apache.jena.tdb2.store.NodeId;
import org.apache.jena.tdb2.store.tupletable.TupleIndexRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scot.cairn.testsupport.Tdb2Internals;

/**
 * Every Jena internal the store relies on, in one place, so that a Jena upgrade fails loudly here
 * rather than somewhere in a publication.
 *
 * <p>{@link #PINNED} lists each class, method, constructor and field of Jena's internals (TDB2's
 * storage, B+trees and transactions' components, TDB2's and ARQ's query engines) that the store's
 * main code uses; the first test fails when the code uses one that is not listed (list it, and say
 * in store/README.md why) or no longer uses a listed one (remove it). The other tests pin what the
 * store assumes of them beyond their signatures, which a compiler cannot check.
 */
class JenaInternalsTest {

    /** The packages counted as Jena's internals: TDB2's ({@link Tdb2Internals}) and ARQ's query engine; none is Jena's public API. */
    static final List<String> INTERNAL = Stream.concat(
                    Tdb2Internals.PACKAGES.stream(), Stream.of("org.apache.jena.sparql.engine"))
            .toList();

    /** What the store's main code uses of them (ArchUnit's names: classes, then members by class). */
    static final String PINNED = """
            class org.apache.jena.dboe.base.buffer.PtrBuffer
            class org.apache.jena.dboe.base.buffer.RecordBuffer
            class org.apache.jena.dboe.base.file.Location
            class org.apache.jena.dboe.base.record.Record
            class org.apache.jena.dboe.base.record.RecordFactory
            class org.apache.jena.dboe.base.recordbuffer.RecordBufferPage
            class org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr
            class org.apache.jena.dboe.index.RangeIndex
            class org.apache.jena.dboe.trans.bplustree.BPTreeNode
            class org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr
            class org.apache.jena.dboe.trans.bplustree.BPTreeRecordsMgr
            class org.apache.jena.dboe.trans.bplustree.BPlusTree
            class org.apache.jena.dboe.trans.bplustree.BPlusTreeParams
            class org.apache.jena.dboe.transaction.txn.Transaction
            class org.apache.jena.dboe.transaction.txn.TransactionalComponentLifecycle$ComponentState
            class org.apache.jena.dboe.transaction.txn.TransactionalSystem
            class org.apache.jena.sparql.engine.ExecutionContext
            class org.apache.jena.sparql.engine.QueryIterator
            class org.apache.jena.sparql.engine.binding.Binding
            class org.apache.jena.sparql.engine.binding.BindingBase
            class org.apache.jena.sparql.engine.binding.BindingBuilder
            class org.apache.jena.sparql.engine.binding.BindingComparator
            class org.apache.jena.sparql.engine.binding.BindingFactory
            class org.apache.jena.sparql.engine.iterator.QueryIter1
            class org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr
            class org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper
            class org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply
            class org.apache.jena.sparql.engine.iterator.QueryIterRoot
            class org.apache.jena.sparql.engine.iterator.QueryIterSingleton
            class org.apache.jena.sparql.engine.main.OpExecutorFactory
            class org.apache.jena.sparql.engine.main.QC
            class org.apache.jena.sparql.engine.optimizer.reorder.PatternElements
            class org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple
            class org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation
            class org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformationSubstitution
            class org.apache.jena.tdb2.lib.TupleLib
            class org.apache.jena.tdb2.params.StoreParams
            class org.apache.jena.tdb2.params.StoreParamsBuilder
            class org.apache.jena.tdb2.solver.BindingTDB
            class org.apache.jena.tdb2.solver.OpExecutorTDB2
            class org.apache.jena.tdb2.solver.QC2
            class org.apache.jena.tdb2.store.DatasetGraphTDB
            class org.apache.jena.tdb2.store.NodeId
            class org.apache.jena.tdb2.store.NodeIdFactory
            class org.apache.jena.tdb2.store.NodeIdInline
            class org.apache.jena.tdb2.store.NodeIdType
            class org.apache.jena.tdb2.store.QuadTable
            class org.apache.jena.tdb2.store.nodetable.NodeTable
            class org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable
            class org.apache.jena.tdb2.store.tupletable.TupleIndexRecord
            class org.apache.jena.tdb2.store.tupletable.TupleTable
            class org.apache.jena.tdb2.store.value.IntegerNode
            class org.apache.jena.tdb2.sys.DatabaseConnection
            class org.apache.jena.tdb2.sys.TDBInternal
            org.apache.jena.dboe.base.buffer.PtrBuffer.add(int)
            org.apache.jena.dboe.base.buffer.PtrBuffer.get(int)
            org.apache.jena.dboe.base.buffer.PtrBuffer.setSize(int)
            org.apache.jena.dboe.base.buffer.RecordBuffer.add(int, org.apache.jena.dboe.base.record.Record)
            org.apache.jena.dboe.base.buffer.RecordBuffer.add(org.apache.jena.dboe.base.record.Record)
            org.apache.jena.dboe.base.buffer.RecordBuffer.copy(int, org.apache.jena.dboe.base.buffer.BufferBase, int, int)
            org.apache.jena.dboe.base.buffer.RecordBuffer.find(org.apache.jena.dboe.base.record.Record, int, int)
            org.apache.jena.dboe.base.buffer.RecordBuffer.get(int)
            org.apache.jena.dboe.base.buffer.RecordBuffer.getHigh()
            org.apache.jena.dboe.base.buffer.RecordBuffer.isEmpty()
            org.apache.jena.dboe.base.buffer.RecordBuffer.isFull()
            org.apache.jena.dboe.base.buffer.RecordBuffer.maxSize()
            org.apache.jena.dboe.base.buffer.RecordBuffer.removeTop()
            org.apache.jena.dboe.base.buffer.RecordBuffer.setSize(int)
            org.apache.jena.dboe.base.buffer.RecordBuffer.size()
            org.apache.jena.dboe.base.file.Location.create(java.nio.file.Path)
            org.apache.jena.dboe.base.file.Location.mem()
            org.apache.jena.dboe.base.record.Record.getKey()
            org.apache.jena.dboe.base.record.RecordFactory.create([B)
            org.apache.jena.dboe.base.record.RecordFactory.keyLength()
            org.apache.jena.dboe.base.record.RecordFactory.recordLength()
            org.apache.jena.dboe.base.record.RecordFactory.valueLength()
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPage.getId()
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPage.getRecordBuffer()
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPage.setLink(int)
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr.create()
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr.getRead(int)
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr.put(org.apache.jena.dboe.base.page.Page)
            org.apache.jena.dboe.base.recordbuffer.RecordBufferPageMgr.release(org.apache.jena.dboe.base.page.Page)
            org.apache.jena.dboe.index.RangeIndex.getRecordFactory()
            org.apache.jena.dboe.index.RangeIndex.iterator(org.apache.jena.dboe.base.record.Record, org.apache.jena.dboe.base.record.Record)
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.getCount()
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.getId()
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.getPtrBuffer()
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.getRecordBuffer()
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.isLeaf()
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.setCount(int)
            org.apache.jena.dboe.trans.bplustree.BPTreeNode.setIsLeaf(boolean)
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.createNode(int)
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.finishUpdate()
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.getRead(int, int)
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.put(org.apache.jena.dboe.base.page.Page)
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.release(org.apache.jena.dboe.base.page.Page)
            org.apache.jena.dboe.trans.bplustree.BPTreeNodeMgr.startUpdate()
            org.apache.jena.dboe.trans.bplustree.BPTreeRecordsMgr.finishUpdate()
            org.apache.jena.dboe.trans.bplustree.BPTreeRecordsMgr.getRecordBufferPageMgr()
            org.apache.jena.dboe.trans.bplustree.BPTreeRecordsMgr.startUpdate()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.delete(org.apache.jena.dboe.base.record.Record)
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getComponentState()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getNodeManager()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.iterator(org.apache.jena.dboe.base.record.Record, org.apache.jena.dboe.base.record.Record, org.apache.jena.dboe.base.record.RecordMapper)
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getParams()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getRecordFactory()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getRecordsMgr()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.getRootId()
            org.apache.jena.dboe.trans.bplustree.BPlusTree.newRoot(org.apache.jena.dboe.trans.bplustree.BPTreeNode)
            org.apache.jena.dboe.trans.bplustree.BPlusTree.setComponentState(org.apache.jena.dboe.transaction.txn.TransactionalComponentLifecycle$ComponentState)
            org.apache.jena.dboe.trans.bplustree.BPlusTreeParams.getMaxPtr()
            org.apache.jena.dboe.trans.bplustree.BPlusTreeParams.getMinPtr()
            org.apache.jena.dboe.transaction.txn.Transaction.getDataVersion()
            org.apache.jena.dboe.transaction.txn.TransactionalSystem.getThreadTransaction()
            org.apache.jena.sparql.engine.ExecutionContext.getCancelSignal()
            org.apache.jena.sparql.engine.ExecutionContext.getContext()
            org.apache.jena.sparql.engine.ExecutionContext.getDataset()
            org.apache.jena.sparql.engine.QueryIterator.cancel()
            org.apache.jena.sparql.engine.QueryIterator.close()
            org.apache.jena.sparql.engine.QueryIterator.hasNext()
            org.apache.jena.sparql.engine.QueryIterator.next()
            org.apache.jena.sparql.engine.binding.Binding.contains(org.apache.jena.sparql.core.Var)
            org.apache.jena.sparql.engine.binding.Binding.get(org.apache.jena.sparql.core.Var)
            org.apache.jena.sparql.engine.binding.Binding.isEmpty()
            org.apache.jena.sparql.engine.binding.Binding.size()
            org.apache.jena.sparql.engine.binding.Binding.vars()
            org.apache.jena.sparql.engine.binding.BindingBase.<init>(org.apache.jena.sparql.engine.binding.Binding)
            org.apache.jena.sparql.engine.binding.BindingBuilder.add(org.apache.jena.sparql.core.Var, org.apache.jena.graph.Node)
            org.apache.jena.sparql.engine.binding.BindingComparator.<init>(java.util.List, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.binding.BindingComparator.compareNodesRaw(org.apache.jena.sparql.expr.NodeValue, org.apache.jena.sparql.expr.NodeValue)
            org.apache.jena.sparql.engine.binding.BindingBuilder.build()
            org.apache.jena.sparql.engine.binding.BindingBuilder.isEmpty()
            org.apache.jena.sparql.engine.binding.BindingFactory.binding()
            org.apache.jena.sparql.engine.binding.BindingFactory.binding(org.apache.jena.sparql.core.Var, org.apache.jena.graph.Node)
            org.apache.jena.sparql.engine.binding.BindingFactory.builder()
            org.apache.jena.sparql.engine.binding.BindingFactory.builder(org.apache.jena.sparql.engine.binding.Binding)
            org.apache.jena.sparql.engine.iterator.QueryIter1.<init>(org.apache.jena.sparql.engine.QueryIterator, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterFilterExpr.<init>(org.apache.jena.sparql.engine.QueryIterator, org.apache.jena.sparql.expr.Expr, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper.<init>(java.util.Iterator, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper.closeIterator()
            org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper.create(java.util.Iterator, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterPlainWrapper.requestCancel()
            org.apache.jena.sparql.engine.iterator.QueryIterRepeatApply.<init>(org.apache.jena.sparql.engine.QueryIterator, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterRoot.create(org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.iterator.QueryIterSingleton.create(org.apache.jena.sparql.engine.binding.Binding, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.main.OpExecutorFactory.create(org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.main.QC.execute(org.apache.jena.sparql.algebra.Op, org.apache.jena.sparql.engine.QueryIterator, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.sparql.engine.optimizer.reorder.PatternElements.isAnyTerm(org.apache.jena.sparql.sse.Item)
            org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple.object
            org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple.predicate
            org.apache.jena.sparql.engine.optimizer.reorder.PatternTriple.subject
            org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformationSubstitution.<init>()
            org.apache.jena.tdb2.lib.TupleLib.record(org.apache.jena.dboe.base.record.RecordFactory, org.apache.jena.atlas.lib.tuple.Tuple, org.apache.jena.atlas.lib.tuple.TupleMap)
            org.apache.jena.tdb2.lib.TupleLib.tuple(org.apache.jena.dboe.base.record.Record, org.apache.jena.atlas.lib.tuple.TupleMap)
            org.apache.jena.tdb2.params.StoreParams.builder(java.lang.String, org.apache.jena.tdb2.params.StoreParams)
            org.apache.jena.tdb2.params.StoreParams.getDftStoreParams()
            org.apache.jena.tdb2.params.StoreParams.getNode2NodeIdCacheSize()
            org.apache.jena.tdb2.params.StoreParams.getNodeId2NodeCacheSize()
            org.apache.jena.tdb2.params.StoreParamsBuilder.build()
            org.apache.jena.tdb2.params.StoreParamsBuilder.node2NodeIdCacheSize(int)
            org.apache.jena.tdb2.params.StoreParamsBuilder.nodeId2NodeCacheSize(int)
            org.apache.jena.tdb2.params.StoreParamsBuilder.nodeMissCacheSize(int)
            org.apache.jena.tdb2.params.StoreParamsBuilder.quadIndexes([Ljava.lang.String;)
            org.apache.jena.tdb2.solver.BindingTDB.getNodeId(org.apache.jena.sparql.core.Var)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.<init>(org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.OpExecFactoryTDB
            org.apache.jena.tdb2.solver.OpExecutorTDB2.decideGraphNode(org.apache.jena.graph.Node, org.apache.jena.sparql.engine.ExecutionContext)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.execute(org.apache.jena.sparql.algebra.op.OpFilter, org.apache.jena.sparql.engine.QueryIterator)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.execute(org.apache.jena.sparql.algebra.op.OpGroup, org.apache.jena.sparql.engine.QueryIterator)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.execute(org.apache.jena.sparql.algebra.op.OpOrder, org.apache.jena.sparql.engine.QueryIterator)
            org.apache.jena.tdb2.solver.OpExecutorTDB2.execute(org.apache.jena.sparql.algebra.op.OpQuadPattern, org.apache.jena.sparql.engine.QueryIterator)
            org.apache.jena.tdb2.solver.QC2.getFilter(org.apache.jena.sparql.util.Context)
            org.apache.jena.tdb2.store.DatasetGraphTDB.getQuadTable()
            org.apache.jena.tdb2.store.DatasetGraphTDB.getStoreParams()
            org.apache.jena.tdb2.store.DatasetGraphTDB.getTxnSystem()
            org.apache.jena.tdb2.store.NodeId.NodeIdAny
            org.apache.jena.tdb2.store.NodeId.equals(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.NodeId.getPtrLocation()
            org.apache.jena.tdb2.store.NodeId.isConcrete(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.NodeId.isDoesNotExist(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.NodeId.isInline(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.NodeId.isPtr()
            org.apache.jena.tdb2.store.NodeId.type()
            org.apache.jena.tdb2.store.NodeIdFactory.createPtr(long)
            org.apache.jena.tdb2.store.NodeIdFactory.get([B)
            org.apache.jena.tdb2.store.NodeIdFactory.set(org.apache.jena.tdb2.store.NodeId, [B)
            org.apache.jena.tdb2.store.NodeIdInline.extract(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.NodeIdInline.inline(org.apache.jena.graph.Node)
            org.apache.jena.tdb2.store.NodeIdType.XSD_INTEGER
            org.apache.jena.tdb2.store.QuadTable.getNodeTupleTable()
            org.apache.jena.tdb2.store.nodetable.NodeTable.getAllocateNodeId(org.apache.jena.graph.Node)
            org.apache.jena.tdb2.store.nodetable.NodeTable.getNodeForNodeId(org.apache.jena.tdb2.store.NodeId)
            org.apache.jena.tdb2.store.nodetable.NodeTable.getNodeIdForNode(org.apache.jena.graph.Node)
            org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable.find([Lorg.apache.jena.tdb2.store.NodeId;)
            org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable.findAsNodeIds([Lorg.apache.jena.graph.Node;)
            org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable.getNodeTable()
            org.apache.jena.tdb2.store.nodetupletable.NodeTupleTable.getTupleTable()
            org.apache.jena.tdb2.store.tupletable.TupleIndexRecord.getMapping()
            org.apache.jena.tdb2.store.tupletable.TupleIndexRecord.getName()
            org.apache.jena.tdb2.store.tupletable.TupleIndexRecord.getRangeIndex()
            org.apache.jena.tdb2.store.tupletable.TupleTable.getIndexes()
            org.apache.jena.tdb2.store.value.IntegerNode.unpack56(long)
            org.apache.jena.tdb2.sys.DatabaseConnection.connectCreate(org.apache.jena.dboe.base.file.Location, org.apache.jena.tdb2.params.StoreParams, org.apache.jena.sparql.engine.optimizer.reorder.ReorderTransformation)
            org.apache.jena.tdb2.sys.DatabaseConnection.getDatasetGraph()
            org.apache.jena.tdb2.sys.TDBInternal.expel(org.apache.jena.sparql.core.DatasetGraph)
            org.apache.jena.tdb2.sys.TDBInternal.getDatasetGraphTDB(org.apache.jena.sparql.core.DatasetGraph)
""";

    private static JavaClasses store;

    @BeforeAll
    static void importStore() {
        store = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("scot.cairn.store");
    }

    static boolean internal(JavaClass c) {
        String p = c.getPackageName();
        for (String i : INTERNAL) {
            if (p.equals(i) || p.startsWith(i + ".")) {
                return true;
            }
        }
        return false;
    }

    @Test
    void theStoreUsesExactlyThePinnedInternals() {
        Set<String> used = new TreeSet<>();
        for (JavaClass c : store) {
            c.getAccessesFromSelf().forEach(a -> {
                if (!a.getTargetOwner().isArray() && internal(a.getTargetOwner())) {
                    used.add(a.getTarget().getFullName());
                }
            });
            c.getDirectDependenciesFromSelf().forEach(d -> {
                JavaClass target = d.getTargetClass();
                if (!target.isArray() && internal(target)) {
                    used.add("class " + target.getName());
                }
            });
        }
        Set<String> pinned = new TreeSet<>(
                PINNED.lines().map(String::strip).filter(l -> !l.isEmpty()).toList());
        Set<String> unlisted = new TreeSet<>(used);
        unlisted.removeAll(pinned);
        Set<String> stale = new TreeSet<>(pinned);
        stale.removeAll(used);
        assertThat(unlisted)
                .as(
                        "Jena internals the store uses that are not pinned here (list them, and say why in store/README.md)")
                .isEmpty();
        assertThat(stale)
                .as("pinned Jena internals the store no longer uses (remove them)")
                .isEmpty();
    }

    /** TDB2 tells an inline value from a pointer only by type, which its NodeId.equals ignores: NodeIds must not. */
    @Test
    void nodeIdsAreComparedAndEncodedWithTheirType() {
        NodeId pointer = NodeIds.ptr(2015);
        NodeId integer = NodeIds.inline(NodeFactory.createLiteralDT("2015", XSDDatatype.XSDinteger));
        assertThat(integer).isNotNull();
        assertThat(NodeIds.same(pointer, integer)).isFalse();
        assertThat(NodeIds.bits(pointer)).isNotEqualTo(NodeIds.bits(integer)).isEqualTo(2015L);
        for (Node n : List.of(
                NodeFactory.createLiteralDT("-7", XSDDatatype.XSDinteger),
                NodeFactory.createLiteralDT("2.5", XSDDatatype.XSDdouble),
                NodeFactory.createLiteralDT("24.6", XSDDatatype.XSDdecimal),
                NodeFactory.createLiteralDT("true", XSDDatatype.XSDboolean),
                NodeFactory.createLiteralDT("2020-03-31", XSDDatatype.XSDdate))) {
            NodeId id = NodeIds.inline(n);
            assertThat(id).as(n.toString()).isNotNull();
            assertThat(NodeIds.bits(id))
                    .as(n.toString())
                    .isNotEqualTo(NodeIds.NONE)
                    .isNegative();
            assertThat(NodeIds.same(NodeIds.fromBits(NodeIds.bits(id)), id))
                    .as(n.toString())
                    .isTrue();
            assertThat(NodeIds.extract(NodeIds.fromBits(NodeIds.bits(id))))
                    .as(n.toString())
                    .isEqualTo(NodeIds.storedForm(n));
        }
        assertThat(NodeIds.same(NodeIds.fromBits(NodeIds.bits(pointer)), pointer))
                .isTrue();
    }

    /** Numbers and dates are stored as values: what the store (and its plain fallback) reads back. */
    @Test
    void inlineIntegersAreReadFromTheirStoredBits() {
        for (long v : List.of(0L, 7L, -7L, 2015L, 1L << 40, -(1L << 40), (1L << 55) - 1, -(1L << 55))) {
            NodeId id = NodeIds.inline(NodeFactory.createLiteralDT(Long.toString(v), XSDDatatype.XSDinteger));
            assertThat(id).as("inline %s", v).isNotNull();
            assertThat(NodeIds.isInlineInteger(id)).isTrue();
            assertThat(NodeIds.inlineInteger(id)).isEqualTo(v);
            assertThat(NodeIds.extract(id).getLiteralLexicalForm()).isEqualTo(Long.toString(v));
        }
        // a derived type keeps its own type: decoded, not read as an xsd:integer
        NodeId five = NodeIds.inline(NodeFactory.createLiteralByValue(5));
        assertThat(five).isNotNull();
        assertThat(NodeIds.isInlineInteger(five)).isFalse();
    }

    @Test
    void aGraphsGspoRecordsHoldTheStoredIdsOfItsQuads() {
        try (TripleStore store = TripleStore.inMemory()) {
            Node g = NodeFactory.createURI("http://example.org/g");
            for (int i = 0; i < 50; i++) {
                int n = i;
                store.write(d -> d.add(
                        g,
                        NodeFactory.createURI("http://example.org/s" + (n % 7)),
                        NodeFactory.createURI("http://example.org/p" + (n % 3)),
                        NodeFactory.createLiteralDT(Integer.toString(n - 20), XSDDatatype.XSDinteger)));
            }
            store.write(d -> d.add(
                    NodeFactory.createURI("http://example.org/other"),
                    NodeFactory.createURI("http://example.org/s1"),
                    NodeFactory.createURI("http://example.org/p1"),
                    NodeFactory.createLiteralString("elsewhere")));
            store.read(d -> {
                TdbQuads quads = TdbQuads.of(d);
                NodeId gid = quads.idOf(g);
                List<List<Long>> fromRecords = new ArrayList<>();
                assertThat(quads.eachOfGraph(gid, (s, p, o) -> fromRecords.add(List.of(s, p, o))))
                        .isTrue();
                List<List<Long>> found = new ArrayList<>();
                quads.find(gid, NodeId.NodeIdAny, NodeId.NodeIdAny, NodeId.NodeIdAny)
                        .forEachRemaining(q -> found.add(
                                List.of(NodeIds.bits(q.get(1)), NodeIds.bits(q.get(2)), NodeIds.bits(q.get(3)))));
                assertThat(fromRecords).hasSize(50).containsExactlyInAnyOrderElementsOf(found);
                assertThat(fromRecords.stream().map(l -> l.get(0)).toList()).isSorted();
                return null;
            });
        }
    }

    /**
     * {@link TdbQuads#scanFrom} reads the ids from the B+tree's leaf buffers through a {@code
     * RecordMapper}: each entry at {@code index * recordLength}, the four ids as big-endian longs in
     * the index's order, across many leaves, from any start key.
     */
    @Test
    void leafBuffersHoldTheStoredIdsOfEachQuadInIndexOrder() {
        try (TripleStore store = TripleStore.inMemory()) {
            store.write(d -> {
                for (int i = 0; i < 6_000; i++) {
                    d.add(
                            NodeFactory.createURI("http://example.org/g" + (i % 3)),
                            NodeFactory.createURI("http://example.org/s" + (i % 997)),
                            NodeFactory.createURI("http://example.org/p" + (i % 5)),
                            i % 2 == 0
                                    ? NodeFactory.createLiteralDT(Integer.toString(i - 3_000), XSDDatatype.XSDinteger)
                                    : NodeFactory.createLiteralString("v" + i));
                }
            });
            store.read(d -> {
                TdbQuads quads = TdbQuads.of(d);
                TupleIndexRecord spog = quads.index("SPOG");
                NodeId from = quads.idOf(NodeFactory.createURI("http://example.org/s500"));
                List<List<Long>> scanned = new ArrayList<>();
                TdbQuads.scanFrom(
                        spog,
                        TdbQuads.quad(NodeIds.LOWEST, from, NodeIds.LOWEST, NodeIds.LOWEST),
                        (s, p, o, g) -> scanned.add(List.of(s, p, o, g)));
                // the same quads as the index's own iterator gives them, decoded by Jena
                List<List<Long>> expected = new ArrayList<>();
                TdbQuads.range(
                                spog,
                                TdbQuads.quad(NodeIds.LOWEST, from, NodeIds.LOWEST, NodeIds.LOWEST),
                                TdbQuads.quad(
                                        NodeIds.LOWEST,
                                        NodeIds.ptr(Long.MAX_VALUE >> 8),
                                        NodeIds.LOWEST,
                                        NodeIds.LOWEST))
                        .forEachRemaining(q -> expected.add(List.of(
                                NodeIds.bits(q.get(1)),
                                NodeIds.bits(q.get(2)),
                                NodeIds.bits(q.get(3)),
                                NodeIds.bits(q.get(0)))));
                assertThat(expected).hasSizeGreaterThan(1_000);
                assertThat(scanned).containsExactlyElementsOf(expected);
                assertThat(scanned.stream().anyMatch(q -> q.get(2) < 0))
                        .as("inline integers among the objects")
                        .isTrue();
                return null;
            });
        }
    }

    @Test
    void inlineValuesReadBackInTheirCanonicalForm() {
        assertThat(NodeIds.storedForm(NodeFactory.createLiteralDT("24.60", XSDDatatype.XSDdecimal)))
                .isEqualTo(NodeFactory.createLiteralDT("24.6", XSDDatatype.XSDdecimal));
        assertThat(NodeIds.storedForm(NodeFactory.createLiteralDT("007", XSDDatatype.XSDinteger)))
                .isEqualTo(NodeFactory.createLiteralDT("7", XSDDatatype.XSDinteger));
        assertThat(NodeIds.storedForm(NodeFactory.createLiteralDT("2.5", XSDDatatype.XSDdouble))
                        .getLiteralLexicalForm())
                .isEqualTo("2.5e0");
        Node text = NodeFactory.createLiteralString("24.60");
        assertThat(NodeIds.storedForm(text)).isSameAs(text);
    }

    /**
     * A publication's new nodes get pointers above every stored one (the node table is appended
     * to): why a new dataset's graph and subject keys go to the right edge of GSPO and SPOG, which
     * is what keeps a publication's cost independent of the store ({@link BPlusTreeMerge}).
     */
    @Test
    void newNodesGetPointersAboveEveryStoredOne() {
        try (TripleStore store = TripleStore.inMemory()) {
            Node g = NodeFactory.createURI("http://example.org/g");
            Node p = NodeFactory.createURI("http://example.org/p");
            List<Long> ids = new ArrayList<>();
            for (String s : List.of("m", "z", "a")) {
                store.write(d -> d.add(
                        g, NodeFactory.createURI("http://example.org/" + s), p, NodeFactory.createLiteralString(s)));
                ids.add(store.read(d -> TermIds.over(d).id(NodeFactory.createURI("http://example.org/" + s))));
            }
            assertThat(ids).isSorted().doesNotHaveDuplicates().allMatch(id -> id >= 0);
        }
    }

    /** The data version of a read transaction changes with every commit (DatasetMembers caches on it). */
    @Test
    void everyCommitHasItsOwnDataVersion() {
        try (TripleStore store = TripleStore.inMemory()) {
            long before = store.read(d -> TdbQuads.of(d).dataVersion());
            store.write(d -> d.add(
                    NodeFactory.createURI("http://example.org/g"),
                    NodeFactory.createURI("http://example.org/s"),
                    NodeFactory.createURI("http://example.org/p"),
                    NodeFactory.createLiteralString("o")));
            long after = store.read(d -> TdbQuads.of(d).dataVersion());
            assertThat(after).isNotEqualTo(before);
        }
    }

    /**
     * A B+tree's write state of a transaction is a per-thread component state that can be handed
     * to another thread and back, and what that thread writes commits with the transaction: how
     * each quad index is written by its own thread ({@link IndexWorker}).
     */
    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void aTreesWriteStateMovesToAnotherThreadAndBack() throws Exception {
        try (TripleStore store = TripleStore.inMemory()) {
            Node g = NodeFactory.createURI("http://example.org/g");
            Node s = NodeFactory.createURI("http://example.org/s");
            Node p = NodeFactory.createURI("http://example.org/p");
            Node o = NodeFactory.createLiteralString("o");
            store.write(d -> {
                TdbQuads quads = TdbQuads.of(d);
                NodeId[] ids = {
                    quads.nodes().getAllocateNodeId(g),
                    quads.nodes().getAllocateNodeId(s),
                    quads.nodes().getAllocateNodeId(p),
                    quads.nodes().getAllocateNodeId(o)
                };
                for (TupleIndexRecord index : quads.indexes()) {
                    BPlusTree tree = TdbQuads.tree(index);
                    ComponentState<?> mine = tree.getComponentState();
                    AtomicReference<ComponentState<?>> theirs = new AtomicReference<>();
                    Thread t = new Thread(() -> {
                        ((BPlusTree) tree).setComponentState((ComponentState) mine);
                        Record r = TdbQuads.record(index, TdbQuads.quad(ids[0], ids[1], ids[2], ids[3]));
                        tree.insert(r);
                        theirs.set(tree.getComponentState());
                    });
                    t.start();
                    try {
                        t.join();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    ((BPlusTree) tree).setComponentState((ComponentState) theirs.get());
                }
            });
            List<Boolean> found = store.read(d -> List.of(
                    d.contains(g, s, p, o), // GSPO
                    d.find(Node.ANY, s, Node.ANY, Node.ANY).hasNext(), // SPOG
                    d.find(Node.ANY, Node.ANY, p, Node.ANY).hasNext(), // POSG
                    d.find(Node.ANY, Node.ANY, Node.ANY, o).hasNext())); // OSPG
            assertThat(found).containsExactly(true, true, true, true);
        }
    }
}
