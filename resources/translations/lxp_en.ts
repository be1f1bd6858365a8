<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="zh_TW">
<context>
    <name>AttachmentPanel</name>
    <message>
        <source>加入檔案…（Ctrl+O）</source>
        <translation>Add files… (Ctrl+O)</translation>
    </message>
    <message>
        <source>可把檔案拖曳到這裡。pdf、jpg、png 每檔 4 MB；mp3、mp4 每檔 10 MB（108學年度以前 2 MB／5 MB）。</source>
        <translation>Drop files here. pdf, jpg, png up to 4 MB each; mp3, mp4 up to 10 MB each (2 MB / 5 MB up to school year 108).</translation>
    </message>
    <message>
        <source>成果檔案 (*.pdf *.jpg *.jpeg *.png *.mp3 *.mp4);;所有檔案 (*)</source>
        <translation>Outcome files (*.pdf *.jpg *.jpeg *.png *.mp3 *.mp4);;All files (*)</translation>
    </message>
    <message>
        <source>檔案已被更動</source>
        <translation>File was altered</translation>
    </message>
    <message>
        <source>檔案遺失</source>
        <translation>File missing</translation>
    </message>
    <message>
        <source>確定要移除附件「%1」嗎？
移除後仍保留在稽核紀錄中。</source>
        <translation>Remove the attachment "%1"?
It stays in the audit log.</translation>
    </message>
    <message>
        <source>移除附件</source>
        <translation>Remove attachment</translation>
    </message>
    <message>
        <source>選擇要附加的檔案</source>
        <translation>Choose files to attach</translation>
    </message>
    <message>
        <source>開啟(&amp;O)</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>附件</source>
        <translation>Attachments</translation>
    </message>
    <message>
        <source>附件（請先選一筆紀錄）</source>
        <translation>Attachments (select a record first)</translation>
    </message>
    <message>
        <source>附件：%n 個檔案</source>
        <translation>Attachments: %n files</translation>
    </message>
</context>
<context>
    <name>CertificationQueue</name>
    <message>
        <source>Enter：認證選取的項目　Shift+方向鍵／Ctrl+A：多選　Ctrl+R：退回　認證只確認成果出自本課程，不評定優劣。</source>
        <translation>Enter: certify the selected items   Shift+arrows / Ctrl+A: select several   Ctrl+R: return   Certification only confirms the work comes from this course; it does not judge its quality.</translation>
    </message>
    <message>
        <source>任課教師(&amp;T)：</source>
        <translation>&amp;Teacher:</translation>
    </message>
    <message>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <source>全部學期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>已認證 %n 件。</source>
        <translation>%n certified.</translation>
    </message>
    <message>
        <source>已退回 %n 件。</source>
        <translation>%n returned.</translation>
    </message>
    <message>
        <source>待認證 %n 件</source>
        <translation>%n awaiting certification</translation>
    </message>
    <message>
        <source>未定</source>
        <translation>Not set</translation>
    </message>
    <message>
        <source>沒有可認證的項目：您不是任何課程的任課教師，也不是其代理人。</source>
        <translation>Nothing to certify: you teach no course and are no teacher's proxy.</translation>
    </message>
    <message>
        <source>認證者：%1　%2</source>
        <translation>Certified by: %1  %2</translation>
    </message>
    <message>
        <source>認證（Enter）</source>
        <translation>Certify (Enter)</translation>
    </message>
    <message>
        <source>課程學習成果認證</source>
        <translation>Certification of course learning outcomes</translation>
    </message>
    <message>
        <source>請寫下退回原因，學生才知道要修改什麼。</source>
        <translation>Write why it is returned, so the student knows what to change.</translation>
    </message>
    <message>
        <source>退回</source>
        <translation>Return</translation>
    </message>
    <message>
        <source>退回 %n 件。請寫下原因（學生會看到，最多 200 字）：</source>
        <translation>Return %n items. Give the reason (the student will see it, at most 200 characters):</translation>
    </message>
    <message>
        <source>退回…（Ctrl+R）</source>
        <translation>Return… (Ctrl+R)</translation>
    </message>
    <message>
        <source>退回課程學習成果</source>
        <translation>Return course learning outcomes</translation>
    </message>
    <message>
        <source>逾期 </source>
        <translation>Overdue </translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>，其中逾期 %n 件</source>
        <translation>, %n of them overdue</translation>
    </message>
</context>
<context>
    <name>DutiesDialog</name>
    <message>
        <source>代理人(&amp;X)</source>
        <translation>Pro&amp;xies</translation>
    </message>
    <message>
        <source>代理人依順位代理；以代理人身分所做的每一筆修改，稽核紀錄都會記下「代理誰」。</source>
        <translation>Proxies act in their order; every change made as a proxy is recorded in the audit log with whom it was done for.</translation>
    </message>
    <message>
        <source>任課教師的帳號或姓名</source>
        <translation>Teacher's username or name</translation>
    </message>
    <message>
        <source>依補充規定建立項目</source>
        <translation>Create the duties of the school rules</translation>
    </message>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>帳號或姓名，依順位以「、」或逗號分開</source>
        <translation>Usernames or names in order, separated by 、 or commas</translation>
    </message>
    <message>
        <source>承辦人(&amp;P)</source>
        <translation>&amp;Person responsible</translation>
    </message>
    <message>
        <source>承辦人與代理人</source>
        <translation>Duties and proxies</translation>
    </message>
    <message>
        <source>承辦項目</source>
        <translation>Duty</translation>
    </message>
    <message>
        <source>新增教師代理人(&amp;N)</source>
        <translation>&amp;New teacher proxy</translation>
    </message>
    <message>
        <source>新增教師的代理人</source>
        <translation>New proxy for a teacher</translation>
    </message>
    <message>
        <source>空白＝各課程的任課教師</source>
        <translation>Blank = each course's teacher</translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>編輯承辦人與代理人</source>
        <translation>Edit duty and proxies</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>（未指定）</source>
        <translation>(not set)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>%n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>LXP Desktop %1
學生學習歷程檔案 — 註冊組的桌面程式</source>
        <translation>LXP Desktop %1
Student learning portfolios — the registrar office's desktop application</translation>
    </message>
    <message>
        <source>全部學期</source>
        <translation>All terms</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級(&amp;C)…</source>
        <translation>Terms and &amp;classes…</translation>
    </message>
    <message>
        <source>學期：</source>
        <translation>Term: </translation>
    </message>
    <message>
        <source>學校資料(&amp;S)…</source>
        <translation>&amp;School data…</translation>
    </message>
    <message>
        <source>學生學習歷程檔案</source>
        <translation>Student learning portfolios</translation>
    </message>
    <message>
        <source>工具(&amp;T)</source>
        <translation>&amp;Tools</translation>
    </message>
    <message>
        <source>承辦人與代理人(&amp;D)…</source>
        <translation>&amp;Duties and proxies…</translation>
    </message>
    <message>
        <source>未設定共用資料庫</source>
        <translation>No shared database configured</translation>
    </message>
    <message>
        <source>檔案(&amp;F)</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>紙本通知</source>
        <translation>Paper notices</translation>
    </message>
    <message>
        <source>結束(&amp;X)</source>
        <translation>E&amp;xit</translation>
    </message>
    <message>
        <source>說明(&amp;H)</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>課程學習成果認證佇列(&amp;Q)…</source>
        <translation>Outcome certification &amp;queue…</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
    <message>
        <source>關於 LXP Desktop</source>
        <translation>About LXP Desktop</translation>
    </message>
</context>
<context>
    <name>NoticesTab</name>
    <message>
        <source>%1 離校學生的紙本收訖明細確認通知</source>
        <translation>%1: paper confirmation notices for students who have left</translation>
    </message>
    <message>
        <source>Excel 活頁簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>PDF 檔 (*.pdf)</source>
        <translation>PDF file (*.pdf)</translation>
    </message>
    <message>
        <source>使用備用字型印出罕用字：</source>
        <translation>Rare characters printed with the fallback font: </translation>
    </message>
    <message>
        <source>信封（中式直式）PDF…</source>
        <translation>Envelopes (Chinese, vertical) PDF…</translation>
    </message>
    <message>
        <source>信封（西式橫式）PDF…</source>
        <translation>Envelopes (Western, horizontal) PDF…</translation>
    </message>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>共 %n 位：</source>
        <translation>%n students: </translation>
    </message>
    <message>
        <source>列印…（Ctrl+P）</source>
        <translation>Print… (Ctrl+P)</translation>
    </message>
    <message>
        <source>列印中</source>
        <translation>Printing</translation>
    </message>
    <message>
        <source>加入學號(&amp;A)：</source>
        <translation>&amp;Add student no.:</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>另存 PDF</source>
        <translation>Save as PDF</translation>
    </message>
    <message>
        <source>另存 PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>回覆</source>
        <translation>Reply</translation>
    </message>
    <message>
        <source>回覆期限(&amp;L)：</source>
        <translation>Reply dead&amp;line:</translation>
    </message>
    <message>
        <source>回覆期限：</source>
        <translation>Reply deadline: </translation>
    </message>
    <message>
        <source>地址標籤 PDF…</source>
        <translation>Address labels PDF…</translation>
    </message>
    <message>
        <source>學號，Enter 加入</source>
        <translation>Student no., Enter adds</translation>
    </message>
    <message>
        <source>寄出日期</source>
        <translation>Date sent</translation>
    </message>
    <message>
        <source>已加入 %1 %2。</source>
        <translation>Added %1 %2.</translation>
    </message>
    <message>
        <source>已取消，沒有產生任何通知。</source>
        <translation>Cancelled; no notice was made.</translation>
    </message>
    <message>
        <source>已存檔：</source>
        <translation>Saved: </translation>
    </message>
    <message>
        <source>已產生 %n 份通知：</source>
        <translation>%n notices made: </translation>
    </message>
    <message>
        <source>找不到參考編號「%1」的通知。</source>
        <translation>No notice has the reference "%1".</translation>
    </message>
    <message>
        <source>找不到學號 %1 的學生。</source>
        <translation>No student has the number %1.</translation>
    </message>
    <message>
        <source>掃描回條(&amp;B)：</source>
        <translation>Scan reply slip (&amp;B):</translation>
    </message>
    <message>
        <source>掃描回條條碼或輸入參考編號，Enter</source>
        <translation>Scan the reply slip's code or type the reference, Enter</translation>
    </message>
    <message>
        <source>掛號號碼</source>
        <translation>Registered mail no.</translation>
    </message>
    <message>
        <source>掛號郵件清單 Excel…</source>
        <translation>Registered-mail list Excel…</translation>
    </message>
    <message>
        <source>掛號郵件清單 PDF…</source>
        <translation>Registered-mail list PDF…</translation>
    </message>
    <message>
        <source>收到日期</source>
        <translation>Date received</translation>
    </message>
    <message>
        <source>新地址重寄…</source>
        <translation>Re-send to a new address…</translation>
    </message>
    <message>
        <source>新地址重寄：</source>
        <translation>Re-send to a new address: </translation>
    </message>
    <message>
        <source>未產生</source>
        <translation>Not made</translation>
    </message>
    <message>
        <source>標籤、信封與掛號清單</source>
        <translation>Labels, envelopes and mail list</translation>
    </message>
    <message>
        <source>無法產生通知，請先處理：</source>
        <translation>Cannot make the notices; first fix:</translation>
    </message>
    <message>
        <source>無法開始列印，請檢查印表機。</source>
        <translation>Cannot start printing; check the printer.</translation>
    </message>
    <message>
        <source>產生中…</source>
        <translation>Making…</translation>
    </message>
    <message>
        <source>產生通知單（Ctrl+G）</source>
        <translation>Make notices (Ctrl+G)</translation>
    </message>
    <message>
        <source>產生通知時發生錯誤：</source>
        <translation>Error while making the notices: </translation>
    </message>
    <message>
        <source>疑義內容</source>
        <translation>Objection</translation>
    </message>
    <message>
        <source>登記回覆…</source>
        <translation>Record reply…</translation>
    </message>
    <message>
        <source>登記回覆：</source>
        <translation>Record reply: </translation>
    </message>
    <message>
        <source>登記寄出…</source>
        <translation>Record sent…</translation>
    </message>
    <message>
        <source>登記寄出：</source>
        <translation>Record sent: </translation>
    </message>
    <message>
        <source>登記退件…</source>
        <translation>Record returned…</translation>
    </message>
    <message>
        <source>登記退件：</source>
        <translation>Record returned: </translation>
    </message>
    <message>
        <source>移除選取（Delete）</source>
        <translation>Remove selected (Delete)</translation>
    </message>
    <message>
        <source>窗型信封校正頁 PDF…</source>
        <translation>Window-envelope calibration page PDF…</translation>
    </message>
    <message>
        <source>請先在工具列選擇學期，才能寄發該學期的紙本通知。</source>
        <translation>Choose a term in the toolbar first to send that term's paper notices.</translation>
    </message>
    <message>
        <source>請先選一位已寄出通知的學生。</source>
        <translation>Select a student whose notice was sent first.</translation>
    </message>
    <message>
        <source>請先選一位已產生通知的學生。</source>
        <translation>Select a student who has a notice first.</translation>
    </message>
    <message>
        <source>請先選一位退件的學生。</source>
        <translation>Select a student whose notice came back first.</translation>
    </message>
    <message>
        <source>輸出</source>
        <translation>Export</translation>
    </message>
    <message>
        <source>退件原因</source>
        <translation>Reason returned</translation>
    </message>
    <message>
        <source>退回日期</source>
        <translation>Date returned</translation>
    </message>
    <message>
        <source>通訊地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>還沒有產生通知，請先按「產生通知單」。</source>
        <translation>No notices yet; press "Make notices" first.</translation>
    </message>
    <message>
        <source>郵遞區號</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>預設依學校設定</source>
        <translation>School setting by default</translation>
    </message>
</context>
<context>
    <name>PortfolioTab</name>
    <message>
        <source>勾選或取消勾選提交中央資料庫（Ctrl+Space）</source>
        <translation>Select or unselect for the central database (Ctrl+Space)</translation>
    </message>
    <message>
        <source>勾選提交(&amp;S)</source>
        <translation>&amp;Select for submission</translation>
    </message>
    <message>
        <source>勾選提交：</source>
        <translation>Selected for submission: </translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>外部連結：</source>
        <translation>External link: </translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>校內</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>校外</source>
        <translation>Outside school</translation>
    </message>
    <message>
        <source>處理者：</source>
        <translation>Handled by: </translation>
    </message>
    <message>
        <source>認證佇列(&amp;Q)…</source>
        <translation>Certification &amp;queue…</translation>
    </message>
    <message>
        <source>認證狀態：</source>
        <translation>Certification: </translation>
    </message>
    <message>
        <source>課程諮詢紀錄僅留存校內，不會提交中央資料庫。</source>
        <translation>Course consultation records stay in school; they are never submitted to the central database.</translation>
    </message>
    <message>
        <source>退回原因：</source>
        <translation>Reason for return: </translation>
    </message>
    <message>
        <source>重新送出認證</source>
        <translation>Resubmit for certification</translation>
    </message>
    <message>
        <source>（代理 %1）</source>
        <translation> (proxy for %1)</translation>
    </message>
</context>
<context>
    <name>RecordForm</name>
    <message>
        <source>儲存</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>RecordTab</name>
    <message>
        <source>共 %n 筆</source>
        <translation>%n rows</translation>
    </message>
    <message>
        <source>刪除(&amp;D)</source>
        <translation>&amp;Delete</translation>
    </message>
    <message>
        <source>搜尋：學號、姓名、班級或身分證統一編號</source>
        <translation>Search: student no., name, class or national ID</translation>
    </message>
    <message>
        <source>新增</source>
        <translation>New </translation>
    </message>
    <message>
        <source>新增(&amp;N)</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>無法刪除</source>
        <translation>Cannot delete</translation>
    </message>
    <message>
        <source>確定要刪除這筆資料嗎？
%1
刪除後仍保留在稽核紀錄中，可由管理者還原。</source>
        <translation>Delete this record?
%1
It stays in the audit log and an administrator can restore it.</translation>
    </message>
    <message>
        <source>確認刪除</source>
        <translation>Confirm deletion</translation>
    </message>
    <message>
        <source>編輯</source>
        <translation>Edit </translation>
    </message>
    <message>
        <source>編輯(&amp;E)</source>
        <translation>&amp;Edit</translation>
    </message>
</context>
<context>
    <name>SchoolDialog</name>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期與班級</source>
        <translation>Terms and classes</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>搜尋</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>關閉</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>參數錯誤：</source>
        <translation>Invalid arguments: </translation>
    </message>
    <message>
        <source>學生人數須在 1 到 5000 之間。</source>
        <translation>The number of students must be between 1 and 5000.</translation>
    </message>
    <message>
        <source>已中斷，未完成的工作沒有寫入。</source>
        <translation>Interrupted; nothing unfinished was written.</translation>
    </message>
    <message>
        <source>示範學校已建立於 %s</source>
        <translation>Demo school created in %s</translation>
    </message>
    <message>
        <source>請用 --help 查看用法。</source>
        <translation>See --help for usage.</translation>
    </message>
    <message>
        <source>資料庫：</source>
        <translation>Database: </translation>
    </message>
</context>
<context>
    <name>records</name>
    <message>
        <source>1 一年級</source>
        <translation>1 Grade 10</translation>
    </message>
    <message>
        <source>1 校級</source>
        <translation>1 School</translation>
    </message>
    <message>
        <source>1 男</source>
        <translation>1 Male</translation>
    </message>
    <message>
        <source>2 二年級</source>
        <translation>2 Grade 11</translation>
    </message>
    <message>
        <source>2 女</source>
        <translation>2 Female</translation>
    </message>
    <message>
        <source>2 班級</source>
        <translation>2 Class</translation>
    </message>
    <message>
        <source>3 三年級</source>
        <translation>3 Grade 12</translation>
    </message>
    <message>
        <source>3 社團</source>
        <translation>3 Club</translation>
    </message>
    <message>
        <source>4 實習</source>
        <translation>4 Internship</translation>
    </message>
    <message>
        <source>5 校外自治組織</source>
        <translation>5 Outside student organisation</translation>
    </message>
    <message>
        <source>9 其他</source>
        <translation>9 Other</translation>
    </message>
    <message>
        <source>一年一班</source>
        <translation>Class 1-1</translation>
    </message>
    <message>
        <source>主辦單位</source>
        <translation>Organiser</translation>
    </message>
    <message>
        <source>任課教師</source>
        <translation>Teacher</translation>
    </message>
    <message>
        <source>休學</source>
        <translation>Suspended (休學)</translation>
    </message>
    <message>
        <source>作品成果紀錄</source>
        <translation>Works and results</translation>
    </message>
    <message>
        <source>修課別</source>
        <translation>Enrolment type</translation>
    </message>
    <message>
        <source>修課學分</source>
        <translation>Credits taken</translation>
    </message>
    <message>
        <source>修課紀錄</source>
        <translation>Course records</translation>
    </message>
    <message>
        <source>內容簡述</source>
        <translation>Summary</translation>
    </message>
    <message>
        <source>其他多元表現紀錄</source>
        <translation>Other performances</translation>
    </message>
    <message>
        <source>出生日期</source>
        <translation>Date of birth</translation>
    </message>
    <message>
        <source>勾選提交</source>
        <translation>Selected for submission</translation>
    </message>
    <message>
        <source>原修</source>
        <translation>Regular</translation>
    </message>
    <message>
        <source>名稱</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>否</source>
        <translation>No</translation>
    </message>
    <message>
        <source>單位名稱</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>團體活動時間紀錄</source>
        <translation>Group activity time</translation>
    </message>
    <message>
        <source>在學</source>
        <translation>Enrolled (在學)</translation>
    </message>
    <message>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>地點</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>外部連結</source>
        <translation>External link</translation>
    </message>
    <message>
        <source>多元表現</source>
        <translation>Diverse performances</translation>
    </message>
    <message>
        <source>大學及技專校院先修課程紀錄</source>
        <translation>University advanced-placement courses</translation>
    </message>
    <message>
        <source>姓名</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>學分數</source>
        <translation>Credits</translation>
    </message>
    <message>
        <source>學年度</source>
        <translation>School year</translation>
    </message>
    <message>
        <source>學期</source>
        <translation>Term</translation>
    </message>
    <message>
        <source>學期學業成績</source>
        <translation>Term grade</translation>
    </message>
    <message>
        <source>學期結束日期</source>
        <translation>Term end</translation>
    </message>
    <message>
        <source>學期開始日期</source>
        <translation>Term start</translation>
    </message>
    <message>
        <source>學校代碼</source>
        <translation>School code</translation>
    </message>
    <message>
        <source>學校名稱</source>
        <translation>School name</translation>
    </message>
    <message>
        <source>學校資料</source>
        <translation>School data</translation>
    </message>
    <message>
        <source>學生基本資料</source>
        <translation>Students</translation>
    </message>
    <message>
        <source>學籍狀態</source>
        <translation>Enrolment status</translation>
    </message>
    <message>
        <source>學籍異動日期</source>
        <translation>Status change date</translation>
    </message>
    <message>
        <source>學號</source>
        <translation>Student no.</translation>
    </message>
    <message>
        <source>導師</source>
        <translation>Homeroom teacher</translation>
    </message>
    <message>
        <source>帳號或姓名</source>
        <translation>Username or name</translation>
    </message>
    <message>
        <source>年級</source>
        <translation>Grade</translation>
    </message>
    <message>
        <source>幹部等級</source>
        <translation>Cadre level</translation>
    </message>
    <message>
        <source>幹部經歷</source>
        <translation>Cadre records</translation>
    </message>
    <message>
        <source>幹部經歷暨事蹟紀錄</source>
        <translation>Cadre positions and deeds</translation>
    </message>
    <message>
        <source>座號</source>
        <translation>Seat no.</translation>
    </message>
    <message>
        <source>延修</source>
        <translation>Extended study (延修)</translation>
    </message>
    <message>
        <source>彈性學習時間紀錄</source>
        <translation>Flexible learning time</translation>
    </message>
    <message>
        <source>復學</source>
        <translation>Resumed (復學)</translation>
    </message>
    <message>
        <source>性別</source>
        <translation>Gender</translation>
    </message>
    <message>
        <source>成果名稱</source>
        <translation>Outcome title</translation>
    </message>
    <message>
        <source>成果簡述</source>
        <translation>Outcome summary</translation>
    </message>
    <message>
        <source>成績及格</source>
        <translation>Passed</translation>
    </message>
    <message>
        <source>採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>擔任職務</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>日期</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>是</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>是否採計學分</source>
        <translation>Credit counted</translation>
    </message>
    <message>
        <source>時數</source>
        <translation>Hours</translation>
    </message>
    <message>
        <source>時間</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>服務學習紀錄</source>
        <translation>Service learning</translation>
    </message>
    <message>
        <source>校內</source>
        <translation>In school</translation>
    </message>
    <message>
        <source>校內／校外</source>
        <translation>In / outside school</translation>
    </message>
    <message>
        <source>校外</source>
        <translation>Outside school</translation>
    </message>
    <message>
        <source>檢定證照紀錄</source>
        <translation>Certificates and licences</translation>
    </message>
    <message>
        <source>班級</source>
        <translation>Class</translation>
    </message>
    <message>
        <source>班級、社團或學生會</source>
        <translation>Class, club or student council</translation>
    </message>
    <message>
        <source>班級代碼</source>
        <translation>Class code</translation>
    </message>
    <message>
        <source>班級名稱</source>
        <translation>Class name</translation>
    </message>
    <message>
        <source>畢業</source>
        <translation>Graduated (畢業)</translation>
    </message>
    <message>
        <source>監護人</source>
        <translation>Guardian</translation>
    </message>
    <message>
        <source>科目名稱</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>空白時取課程學分數</source>
        <translation>Blank: the course's credits</translation>
    </message>
    <message>
        <source>競賽參與紀錄</source>
        <translation>Competitions</translation>
    </message>
    <message>
        <source>第1學期</source>
        <translation>Term 1</translation>
    </message>
    <message>
        <source>第2學期</source>
        <translation>Term 2</translation>
    </message>
    <message>
        <source>等級</source>
        <translation>Level</translation>
    </message>
    <message>
        <source>結束日期</source>
        <translation>End date</translation>
    </message>
    <message>
        <source>結果</source>
        <translation>Result</translation>
    </message>
    <message>
        <source>聯絡電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>職場學習紀錄</source>
        <translation>Workplace learning</translation>
    </message>
    <message>
        <source>補修</source>
        <translation>Make-up course (補修)</translation>
    </message>
    <message>
        <source>補考及格</source>
        <translation>Resit passed</translation>
    </message>
    <message>
        <source>補考成績</source>
        <translation>Resit grade</translation>
    </message>
    <message>
        <source>註冊組聯絡人</source>
        <translation>Registrar contact</translation>
    </message>
    <message>
        <source>註冊組電子郵件</source>
        <translation>Registrar e-mail</translation>
    </message>
    <message>
        <source>註冊組電話</source>
        <translation>Registrar phone</translation>
    </message>
    <message>
        <source>認證狀態</source>
        <translation>Certification</translation>
    </message>
    <message>
        <source>課程</source>
        <translation>Courses</translation>
    </message>
    <message>
        <source>課程代碼</source>
        <translation>Course code</translation>
    </message>
    <message>
        <source>課程學習成果</source>
        <translation>Course learning outcomes</translation>
    </message>
    <message>
        <source>課程學習成果認證截止日</source>
        <translation>Certification deadline</translation>
    </message>
    <message>
        <source>課程諮詢教師</source>
        <translation>Course consultant</translation>
    </message>
    <message>
        <source>課程諮詢紀錄</source>
        <translation>Course consultations</translation>
    </message>
    <message>
        <source>課程類別</source>
        <translation>Course category</translation>
    </message>
    <message>
        <source>諮詢內容</source>
        <translation>Consultation content</translation>
    </message>
    <message>
        <source>諮詢意見</source>
        <translation>Consultant's opinion</translation>
    </message>
    <message>
        <source>質性文字描述</source>
        <translation>Qualitative description</translation>
    </message>
    <message>
        <source>身分證統一編號</source>
        <translation>National ID</translation>
    </message>
    <message>
        <source>轉入</source>
        <translation>Transferred in (轉入)</translation>
    </message>
    <message>
        <source>轉出</source>
        <translation>Transferred out (轉出)</translation>
    </message>
    <message>
        <source>轉學轉科</source>
        <translation>Transfer credit (轉學轉科)</translation>
    </message>
    <message>
        <source>退學</source>
        <translation>Withdrawn (退學)</translation>
    </message>
    <message>
        <source>通訊地址</source>
        <translation>Mailing address</translation>
    </message>
    <message>
        <source>郵遞區號</source>
        <translation>Postal code</translation>
    </message>
    <message>
        <source>重修</source>
        <translation>Retake (重修)</translation>
    </message>
    <message>
        <source>重讀</source>
        <translation>Repeat year (重讀)</translation>
    </message>
    <message>
        <source>開始日期</source>
        <translation>Start date</translation>
    </message>
    <message>
        <source>開課年級</source>
        <translation>Grade offered</translation>
    </message>
    <message>
        <source>電子郵件</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>電話</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>類別</source>
        <translation>Category</translation>
    </message>
</context>
</TS>
